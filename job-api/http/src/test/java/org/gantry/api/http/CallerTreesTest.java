package org.gantry.api.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.gantry.api.http.Fakes.ADMIN_TOKEN;
import static org.gantry.api.http.Fakes.AUDIO;
import static org.gantry.api.http.Fakes.AUDIO_TOKEN;
import static org.gantry.api.http.Fakes.VISION;
import static org.gantry.api.http.Fakes.VISION_READER_TOKEN;
import static org.gantry.api.http.Fakes.VISION_TOKEN;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.pekko.http.javadsl.server.Route;
import org.gantry.api.service.Caller;
import org.gantry.api.tenant.TenantId;
import org.junit.jupiter.api.Test;

/**
 * The API's tree is built once per caller and kept: each caller still gets its own tree (a
 * reader is not served a writer's, nor a tenant another's), over a real server.
 */
class CallerTreesTest extends RouteTestBase {

    @Test
    void callersTakingTurnsEachGetTheirOwnAnswers() {
        for (int round = 0; round < 3; round++) {
            assertThat(assertJson(get("/api/v1/whoami", ADMIN_TOKEN), 200).path("kind").asText()).isEqualTo("admin");
            assertThat(whoAmI(VISION_TOKEN).path("tenant").asText()).isEqualTo("vision");
            assertThat(whoAmI(AUDIO_TOKEN).path("tenant").asText()).isEqualTo("audio");
            // The reader shares tenant with VISION_TOKEN but not its rights: a change is refused to it alone.
            assertThat(whoAmI(VISION_READER_TOKEN).path("tenant").asText()).isEqualTo("vision");
            assertProblem(post("/api/v1/tenants/vision/tokens", VISION_READER_TOKEN, "{}"), 403, "forbidden");
            assertProblem(post("/api/v1/tenants", VISION_TOKEN, "{}"), 403, "forbidden");
        }
    }

    @Test
    void oneTreePerCallerValueAndBuiltAgainOnceManyCallersWereSeen() {
        GantryRoutes routes = new GantryRoutes(new Fakes.All(system).services(),
                RouteOptions.unlimited(path -> path));
        Route vision = routes.treeOf(new Caller.Tenant(VISION, false));

        assertThat(routes.treeOf(new Caller.Tenant(VISION, false))).isSameAs(vision);
        assertThat(routes.treeOf(new Caller.Tenant(VISION, true))).isNotSameAs(vision);
        assertThat(routes.treeOf(new Caller.Tenant(AUDIO, false))).isNotSameAs(vision);
        assertThat(routes.treeOf(new Caller.Admin())).isSameAs(routes.treeOf(new Caller.Admin()));

        for (int i = 0; i < GantryRoutes.MAX_TREES_KEPT; i++) {
            routes.treeOf(new Caller.Tenant(new TenantId("t" + i), false));
        }
        assertThat(routes.treeOf(new Caller.Tenant(VISION, false)))
                .as("the kept trees are bounded: past the bound they are dropped and built again")
                .isNotSameAs(vision);
    }

    private static JsonNode whoAmI(String token) {
        return assertJson(get("/api/v1/whoami", token), 200);
    }
}
