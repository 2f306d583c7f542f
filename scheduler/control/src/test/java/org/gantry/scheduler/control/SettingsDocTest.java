package org.gantry.scheduler.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import org.gantry.scheduler.policy.Policies;
import org.junit.jupiter.api.Test;

/** The scheduler's reference.conf documents every policy production can run, from the one registry. */
class SettingsDocTest {

    @Test
    void referenceConfNamesEveryProductionPolicy() throws IOException {
        String conf = null;
        for (URL url : Collections.list(getClass().getClassLoader().getResources("reference.conf"))) {
            try (InputStream in = url.openStream()) {
                String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                if (text.contains("gantry.scheduler {")) { // Pekko's and the other modules' are there too
                    conf = text;
                }
            }
        }
        assertThat(conf).as("the scheduler's reference.conf on the classpath").isNotNull();
        int section = conf.indexOf("gantry.scheduler {");
        String policyComment = conf.substring(section + "gantry.scheduler {".length(), conf.indexOf("policy = ", section));

        for (String name : Policies.names()) {
            // A whole name: "sjf" inside "sjf-gpu" does not count.
            assertThat(policyComment).as(name).containsPattern("(?<![\\w-])" + name + "(?![\\w-])");
        }
    }
}
