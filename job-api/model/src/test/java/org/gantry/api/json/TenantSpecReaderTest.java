package org.gantry.api.json;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.gantry.api.cluster.PoolId;
import org.gantry.api.tenant.PoolQuota;
import org.gantry.api.tenant.TenantId;
import org.gantry.api.tenant.TenantSpec;
import org.gantry.api.validation.ReadResult;
import org.gantry.api.validation.Violation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TenantSpecReaderTest {

    @Test
    void readsTheDesignExample() {
        TenantSpec spec = TenantSpecReader.read("""
                { "name": "vision", "quotas": { "default": { "guaranteed": 16, "limit": 32 } } }
                """).orThrow();

        assertThat(spec.name()).isEqualTo(new TenantId("vision"));
        assertThat(spec.quotas()).containsExactly(Map.entry(PoolId.DEFAULT, new PoolQuota(16, 32)));
        assertThat(spec.quota(new PoolId("h100"))).isEqualTo(PoolQuota.NONE);
    }

    @Test
    void anAbsentLimitMeansNoBorrowing() {
        TenantSpec spec = TenantSpecReader.read("{\"name\": \"nlp\", \"quotas\": {\"a100\": {\"guaranteed\": 8}}}")
                .orThrow();

        assertThat(spec.quota(new PoolId("a100"))).isEqualTo(new PoolQuota(8, 8));
    }

    @Test
    void aTenantWithoutQuotasHasNone() {
        assertThat(TenantSpecReader.read("{\"name\": \"nlp\"}").orThrow().quotas()).isEmpty();
    }

    @Test
    void roundTripsThroughItsJson() throws Exception {
        TenantSpec spec = new TenantSpec(new TenantId("vision"),
                Map.of(PoolId.DEFAULT, new PoolQuota(16, 32), new PoolId("h100"), new PoolQuota(0, PoolQuota.UNLIMITED)));

        JsonNode written = GantryJson.mapper().valueToTree(spec);

        assertThat(written.get("quotas").get("default")).isEqualTo(GantryJson.mapper().readTree(
                "{\"guaranteed\": 16, \"limit\": 32}"));
        assertThat(TenantSpecReader.read(written).orThrow()).isEqualTo(spec);
        assertThat(GantryJson.mapper().treeToValue(written, TenantSpec.class)).isEqualTo(spec);
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', value = {
        "{\"quotas\": {}}                                                     | $.name                      | is required",
        "{\"name\": \"Vision\"}                                               | $.name                      | is not a valid tenant name: use lower-case",
        "{\"name\": \"v\", \"owner\": \"x\"}                                  | $.owner                     | unknown field 'owner'; allowed fields: name, quotas",
        "{\"name\": \"v\", \"quotas\": []}                                    | $.quotas                    | must be an object, got an array",
        "{\"name\": \"v\", \"quotas\": {\"Big Pool\": {\"guaranteed\": 1}}}   | $.quotas                    | 'Big Pool' is not a valid pool name",
        "{\"name\": \"v\", \"quotas\": {\"default\": 16}}                     | $.quotas.default            | must be an object, got a number",
        "{\"name\": \"v\", \"quotas\": {\"default\": null}}                   | $.quotas.default            | must be an object like",
        "{\"name\": \"v\", \"quotas\": {\"default\": {\"limit\": 4}}}         | $.quotas.default.guaranteed | is required",
        "{\"name\": \"v\", \"quotas\": {\"default\": {\"guaranteed\": -1}}}   | $.quotas.default.guaranteed | must be at least 0, got -1",
        "{\"name\": \"v\", \"quotas\": {\"default\": {\"guaranteed\": 8, \"limit\": 4}}} | $.quotas.default.limit | must be at least guaranteed (8), got 4",
        "{\"name\": \"v\", \"quotas\": {\"default\": {\"guaranteed\": 1, \"max\": 4}}}   | $.quotas.default.max   | unknown field 'max'; allowed fields: guaranteed, limit",
        "{\"name\": \"v\", \"quotas\": {\"a-b\": {\"guaranteed\": \"1\"}}}    | $.quotas['a-b'].guaranteed  | must be a whole number, got a string",
        "'{\"name\": '                                                        | $                           | malformed JSON at line 1",
    })
    void reportsEachProblemAtItsPath(String body, String path, String message) {
        ReadResult<TenantSpec> result = TenantSpecReader.read(body);

        assertThat(result.violations()).singleElement().satisfies(violation -> {
            assertThat(violation.path()).isEqualTo(path);
            assertThat(violation.message()).contains(message);
        });
    }

    @Test
    void reportsEveryProblemAtOnce() {
        ReadResult<TenantSpec> result = TenantSpecReader.read("""
                {"name": "V", "quotas": {"default": {"guaranteed": -1}, "h100": {"guaranteed": 4, "limit": 2}}}
                """);

        assertThat(result.violations()).extracting(Violation::path)
                .containsExactly("$.name", "$.quotas.default.guaranteed", "$.quotas.h100.limit");
    }
}
