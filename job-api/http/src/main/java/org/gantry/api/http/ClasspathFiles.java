package org.gantry.api.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * Files the server serves from its own jar: Swagger UI and the dashboard, their pages and the
 * WebJars they take scripts from. A missing one is a broken build, so it fails loudly at start.
 */
public final class ClasspathFiles {
    private ClasspathFiles() {}

    /** The bytes of {@code resource}, or an {@link IllegalStateException} naming it. */
    public static byte[] read(String resource) {
        try (InputStream in = ClasspathFiles.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is missing from the classpath");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
    }

    /**
     * Where a WebJar keeps its files, {@code META-INF/resources/webjars/NAME/VERSION/}, with the
     * version it brings read from the jar, so a version bump in the pom needs no code change.
     */
    public static String webjarFolder(String groupId, String artifactId) {
        String pom = "META-INF/maven/" + groupId + "/" + artifactId + "/pom.properties";
        Properties properties = new Properties();
        try (InputStream in = ClasspathFiles.class.getClassLoader().getResourceAsStream(pom)) {
            if (in == null) {
                throw new IllegalStateException("the WebJar " + groupId + ":" + artifactId
                        + " is missing from the classpath");
            }
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + pom, e);
        }
        return "META-INF/resources/webjars/" + artifactId + "/" + properties.getProperty("version") + "/";
    }
}
