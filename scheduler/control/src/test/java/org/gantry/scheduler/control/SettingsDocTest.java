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
        String policyComment = conf.substring(0, conf.indexOf("policy = "));

        for (String name : Policies.names()) {
            assertThat(policyComment).as(name).containsPattern("\\b" + name + "\\b");
        }
    }
}
