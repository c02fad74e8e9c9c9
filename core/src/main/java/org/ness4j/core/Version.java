package org.ness4j.core;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * The version of the ness4j library on the class path, recorded in checkpoints and output
 * files so that results can be traced to the code that produced them.
 */
public final class Version {

    private static final String VERSION = load();

    private Version() {
    }

    /**
     * The library version.
     *
     * @return the Maven project version, e.g. {@code 0.1.0-SNAPSHOT}
     */
    public static String current() {
        return VERSION;
    }

    private static String load() {
        try (InputStream in = Version.class.getResourceAsStream("ness4j.properties")) {
            if (in == null) {
                throw new IllegalStateException("ness4j.properties missing from the core jar");
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
