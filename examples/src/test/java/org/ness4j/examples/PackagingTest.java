package org.ness4j.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The library as dependents get it: every library jar names its module
 * ({@code Automatic-Module-Name}), has {@code -sources} and {@code -javadoc} jars next to it,
 * the BOM lists every library artifact, and a small program runs on the module path.
 *
 * <p>The jar checks need the packaged jars: they run in {@code mvn verify} / {@code install}
 * (Maven then puts the library jars on this module's test class path) and are skipped, saying
 * why, under {@code mvn test}, where the class path holds {@code target/classes} directories.
 */
class PackagingTest {

    /** Library module directory to module name; a class of each module. */
    private static final Map<String, Class<?>> LIBRARY = new LinkedHashMap<>();

    static {
        LIBRARY.put("core", org.ness4j.core.chain.BoseHubbardChain.class);
        LIBRARY.put("sde", org.ness4j.sde.ensemble.Ensemble.class);
        LIBRARY.put("observables", org.ness4j.observables.SiteMoments.class);
        LIBRARY.put("fitting", org.ness4j.fitting.WignerFitter.class);
        LIBRARY.put("hydro", org.ness4j.hydro.toy.ToyModel.class);
        LIBRARY.put("spark", org.ness4j.spark.SparkExecutor.class);
    }

    private static Path location(Class<?> c) {
        try {
            return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The library jars, or the test is skipped if Maven gave class directories instead. */
    private static Map<String, Path> libraryJars() {
        Map<String, Path> jars = new LinkedHashMap<>();
        LIBRARY.forEach((module, c) -> jars.put(module, location(c)));
        Assumptions.assumeTrue(jars.values().stream().allMatch(p -> p.toString().endsWith(".jar")),
            "skipped: the library is not packaged yet (mvn test gives target/classes; run mvn "
                + "verify): " + jars.values());
        return jars;
    }

    @Test
    void everyLibraryJarNamesItsModuleAndHasSourcesAndJavadocJars() throws IOException {
        for (Map.Entry<String, Path> e : libraryJars().entrySet()) {
            Path jar = e.getValue();
            try (JarFile j = new JarFile(jar.toFile())) {
                assertEquals("org.ness4j." + e.getKey(),
                    j.getManifest().getMainAttributes().getValue("Automatic-Module-Name"),
                    jar.toString());
            }
            String base = jar.getFileName().toString().replaceFirst("\\.jar$", "");
            for (String classifier : List.of("sources", "javadoc")) {
                Path attached = jar.resolveSibling(base + "-" + classifier + ".jar");
                assertTrue(Files.isRegularFile(attached), "missing " + attached);
                try (JarFile j = new JarFile(attached.toFile())) {
                    String probe = classifier.equals("sources")
                        ? LIBRARY.get(e.getKey()).getName().replace('.', '/') + ".java"
                        : "index.html";
                    assertTrue(j.getEntry(probe) != null, probe + " not in " + attached);
                    if (classifier.equals("javadoc")) {
                        // MathJax renders the formulas (same configuration as javadoc:aggregate)
                        String page = LIBRARY.get(e.getKey()).getName().replace('.', '/')
                            + ".html";
                        String html = new String(j.getInputStream(j.getEntry(page)).readAllBytes(),
                            StandardCharsets.UTF_8);
                        assertTrue(html.contains("cdn.jsdelivr.net/npm/mathjax@3/"), page);
                    }
                }
            }
        }
    }

    @Test
    void bomManagesEveryLibraryArtifactAtTheProjectVersion() throws IOException {
        String parent = Files.readString(Path.of("..", "pom.xml"), StandardCharsets.UTF_8);
        String bom = Files.readString(Path.of("..", "bom", "pom.xml"), StandardCharsets.UTF_8);
        Matcher version = Pattern.compile("<artifactId>ness4j-parent</artifactId>\\s*<version>"
            + "([^<]+)</version>").matcher(parent);
        assertTrue(version.find(), "no parent version");
        assertTrue(bom.contains("<artifactId>ness4j-bom</artifactId>\n  <version>"
            + version.group(1) + "</version>"), "the BOM's version is not " + version.group(1));
        assertTrue(parent.contains("<module>bom</module>"), "bom is not a module of the build");
        List<String> managed = new ArrayList<>();
        Matcher m = Pattern.compile("<artifactId>(ness4j-[a-z]+)</artifactId>\\s*"
            + "<version>\\$\\{project.version}</version>").matcher(bom);
        while (m.find()) {
            managed.add(m.group(1));
        }
        assertEquals(LIBRARY.keySet().stream().map(s -> "ness4j-" + s)
            .collect(Collectors.toList()), managed);
    }

    /**
     * A named module requiring the five library modules compiles against the jars and runs a
     * small ensemble on the module path. The JVM needs {@code --add-modules ALL-MODULE-PATH}
     * (or just commons-rng simple and sampling and SLF4J, added or required by the dependent's
     * module): the ness4j jars are
     * automatic modules, which cannot require the explicit modules commons-rng and slf4j-api,
     * so without it those are not resolved and the run fails with
     * {@code NoClassDefFoundError} (asserted too, so the README's explanation stays true).
     */
    @Test
    void aSmallProgramRunsOnTheModulePath(@TempDir Path dir) throws Exception {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        Assumptions.assumeTrue(javac != null, "skipped: running on a JRE without javac");
        List<Path> path = new ArrayList<>(libraryJars().values());
        for (String c : List.of("org.apache.commons.rng.UniformRandomProvider",
            "org.apache.commons.rng.core.BaseProvider", "org.apache.commons.rng.simple.RandomSource",
            "org.apache.commons.rng.sampling.distribution.ZigguratSampler",
            "org.ejml.data.DMatrixRMaj", "org.ejml.dense.row.CommonOps_DDRM",
            "org.hipparchus.complex.Complex", "org.hipparchus.ode.ODEIntegrator",
            "org.hipparchus.optim.nonlinear.vector.leastsquares.LeastSquaresOptimizer",
            "org.slf4j.LoggerFactory")) {
            Path p = location(Class.forName(c));
            if (!path.contains(p)) {
                path.add(p);
            }
        }
        String modulePath = path.stream().map(Path::toString)
            .collect(Collectors.joining(File.pathSeparator));
        Path src = Files.createDirectories(dir.resolve("src/demo"));
        Files.writeString(src.resolve("module-info.java"), "module demo {\n"
            + "    requires org.ness4j.core;\n    requires org.ness4j.sde;\n"
            + "    requires org.ness4j.observables;\n    requires org.ness4j.fitting;\n"
            + "    requires org.ness4j.hydro;\n}\n");
        Files.writeString(Files.createDirectories(src.resolve("demo")).resolve("Main.java"),
            "package demo;\n\n"
                + "import org.ness4j.core.chain.BoseHubbardChain;\n"
                + "import org.ness4j.observables.SiteMoments;\n"
                + "import org.ness4j.sde.Heun;\n"
                + "import org.ness4j.sde.chain.ChainProblem;\n"
                + "import org.ness4j.sde.ensemble.Ensemble;\n"
                + "import org.ness4j.sde.ensemble.SampleSchedule;\n\n"
                + "public class Main {\n"
                + "    public static void main(String[] args) {\n"
                + "        BoseHubbardChain chain = BoseHubbardChain.builder(3).boundaryDrive(2)"
                + ".build();\n"
                + "        SiteMoments m = Ensemble.builder(ChainProblem.truncatedWigner(chain))\n"
                + "            .algorithm(Heun.create()).trajectories(16).groupSize(4).dt(0.01)"
                + ".steps(200).seed(1)\n"
                + "            .build().run(SiteMoments.observer(new SampleSchedule(100, 10), 2))"
                + ".requireSuccess();\n"
                + "        System.out.println(BoseHubbardChain.class.getModule().getName() + ' '\n"
                + "            + org.ness4j.fitting.WignerFitter.class.getModule().getName() + ' '\n"
                + "            + org.ness4j.hydro.toy.ToyModel.class.getModule().getName());\n"
                + "        System.out.println(\"n = \" + m.photonNumber(2));\n"
                + "    }\n}\n");
        Path classes = dir.resolve("classes");
        ByteArrayOutputStream errors = new ByteArrayOutputStream();
        int rc = javac.run(null, null, errors, "--module-path", modulePath, "-d",
            classes.toString(), src.resolve("module-info.java").toString(),
            src.resolve("demo/Main.java").toString());
        assertEquals(0, rc, "the module does not compile:\n" + errors);

        String full = modulePath + File.pathSeparator + classes;
        String out = java(dir, "--module-path", full, "--add-modules", "ALL-MODULE-PATH", "-m",
            "demo/demo.Main");
        assertTrue(out.contains("org.ness4j.core org.ness4j.fitting org.ness4j.hydro"), out);
        assertTrue(out.contains("n = "), out);

        // exactly the explicit modules the automatic ness4j modules cannot require
        String listed = java(dir, "--module-path", full, "--add-modules",
            "org.apache.commons.rng.simple,org.apache.commons.rng.sampling,org.slf4j", "-m",
            "demo/demo.Main");
        assertTrue(listed.contains("n = "), listed);

        String without = java(dir, "--module-path", full, "-m", "demo/demo.Main");
        // which of the two is loaded first depends on the library's class-loading order
        assertTrue(without.contains("NoClassDefFoundError: org/apache/commons/rng")
            || without.contains("NoClassDefFoundError: org/slf4j"), without);
    }

    /** Runs a child JVM; returns standard output and error (exit code in the text if not 0). */
    private static String java(Path dir, String... args) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(List.of(args));
        Path log = dir.resolve("child.log");
        Process p = new ProcessBuilder(command).redirectErrorStream(true)
            .redirectOutput(log.toFile()).start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "child JVM did not finish");
        String text = Files.readString(log, StandardCharsets.UTF_8);
        return p.exitValue() == 0 ? text : text + "\nexit code " + p.exitValue();
    }
}
