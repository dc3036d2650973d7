package org.opencobrowse;

import java.util.ArrayList;
import java.util.List;
import org.opencobrowse.config.CobrowseConfig;
import org.opencobrowse.config.ConfigException;
import org.opencobrowse.config.ConfigLoader;
import org.opencobrowse.logging.LogSetup;

/**
 * Command line entry: {@code cobrowse [--config=FILE] [--section.option=value ...] [--print-config] [--help]}. SIGTERM
 * (and Ctrl-C) stop the node gracefully: {@link CobrowseNode#close} drains it within {@code shutdown.timeout}.
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("bench")) {
            org.opencobrowse.bench.BenchMain.main(java.util.Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        List<String> options = new ArrayList<>();
        boolean printConfig = false;
        for (String arg : args) {
            switch (arg) {
                case "--help", "-h" -> {
                    System.out.print(ConfigLoader.help());
                    return;
                }
                case "--print-config" -> printConfig = true;
                default -> options.add(arg);
            }
        }
        CobrowseConfig config;
        try {
            config = ConfigLoader.load(options, System.getenv());
        } catch (ConfigException e) {
            System.err.println("cobrowse: " + e.getMessage());
            System.exit(2);
            return;
        }
        if (printConfig) {
            System.out.print(ConfigLoader.describe(config));
            return;
        }
        LogSetup.apply(config.operations().logFormat());
        try {
            CobrowseNode node = CobrowseNode.start(config);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    node.close();
                } catch (Exception e) {
                    System.err.println("cobrowse: stopping failed: " + e.getMessage());
                }
            }, "cobrowse-shutdown"));
        } catch (ConfigException e) {
            System.err.println("cobrowse: " + e.getMessage());
            System.exit(2);
        } catch (Exception e) {
            System.err.println("cobrowse: cannot start: " + e.getMessage());
            System.exit(1);
        }
    }
}
