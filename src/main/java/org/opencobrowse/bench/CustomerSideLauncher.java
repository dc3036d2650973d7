package org.opencobrowse.bench;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs a bench program that needs Chromium and Selenium, which live in test scope: {@code customer} (scenario f,
 * {@code CustomerSideBench}) and {@code record-fixture} ({@code RecordDemoFlow}). Compiles the tests with Maven in
 * the project directory (the working directory of {@code ./cobrowse}), then starts the program in its own JVM on the
 * test classpath.
 */
final class CustomerSideLauncher {
    private static final String CLASSPATH_FILE = "target/bench-test-classpath.txt";

    private CustomerSideLauncher() {
    }

    static int run(String program, String[] args) throws Exception {
        if (!Files.exists(Path.of("pom.xml"))) {
            System.err.println("bench " + program + " runs from the project directory (it compiles the tests)");
            return 2;
        }
        int built = new ProcessBuilder("mvn", "-B", "-q", "test-compile", "dependency:build-classpath",
                "-Dmdep.outputFile=" + CLASSPATH_FILE, "-Dmdep.includeScope=test").inheritIO().start().waitFor();
        if (built != 0) {
            return built;
        }
        String classpath = "target/classes" + File.pathSeparator + "target/test-classes" + File.pathSeparator
                + Files.readString(Path.of(CLASSPATH_FILE)).trim();
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-cp", classpath, "org.opencobrowse.bench."
                + (program.equals("customer") ? "CustomerSideBench" : "RecordDemoFlow")));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).inheritIO().start().waitFor();
    }
}
