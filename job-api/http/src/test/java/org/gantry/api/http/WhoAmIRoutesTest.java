package org.gantry.api.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.gantry.api.http.Fakes.ADMIN_TOKEN;
import static org.gantry.api.http.Fakes.VISION_TOKEN;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

class WhoAmIRoutesTest extends RouteTestBase {

    @Test
    void theAdminTokenSaysAdminAndNoTenant() {
        JsonNode who = assertJson(get("/api/v1/whoami", ADMIN_TOKEN), 200);

        assertThat(who.path("kind").asText()).isEqualTo("admin");
        assertThat(who.has("tenant")).isFalse();
    }

    @Test
    void aTenantTokenSaysWhichTenantItActsFor() {
        JsonNode who = assertJson(get("/api/v1/whoami", VISION_TOKEN), 200);

        assertThat(who.path("kind").asText()).isEqualTo("tenant");
        assertThat(who.path("tenant").asText()).isEqualTo("vision");
        assertThat(who.toString()).as("the token is never echoed").doesNotContain(VISION_TOKEN);
    }

    @Test
    void anUnknownTokenIsUnauthorized() {
        assertProblem(get("/api/v1/whoami", "not-a-token"), 401, "unauthorized");
    }
}
