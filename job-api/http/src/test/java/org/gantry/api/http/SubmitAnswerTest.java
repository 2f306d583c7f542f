package org.gantry.api.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.gantry.api.job.Job;
import org.gantry.api.json.GantryJson;
import org.junit.jupiter.api.Test;

/** The submit answer, written in one go, is byte for byte what the job's tree plus "warnings" was. */
class SubmitAnswerTest {

    @Test
    void writesTheJobsFieldsThenItsWarningsAsTheTreeDid() throws Exception {
        Job job = ApiSamples.fullJob().redacted();
        for (List<String> warnings : List.of(List.<String>of(), List.of("pool 'default' has no idle GPU", "b"))) {
            ObjectNode tree = GantryJson.mapper().valueToTree(job);
            tree.set("warnings", GantryJson.mapper().valueToTree(warnings));
            String before = new String(JsonMarshalling.bytes(tree), StandardCharsets.UTF_8);

            String now = new String(JsonMarshalling.bytes(new SubmitAnswer(job, warnings)), StandardCharsets.UTF_8);

            assertThat(now).isEqualTo(before);
            assertThat(now).contains("\"warnings\":[").contains("\"spec\":{");
        }
    }
}
