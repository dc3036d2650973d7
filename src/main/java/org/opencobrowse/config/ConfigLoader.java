package org.opencobrowse.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Builds a {@link CobrowseConfig} from defaults &lt; file ({@code --config=FILE}) &lt; environment
 * ({@code COBROWSE_SECTION_OPTION}) &lt; flags ({@code --section.option=value}). Unknown options in any source stop
 * start-up. The file is INI-like, as Genesys' own: {@code [section]} headers then {@code option = value} lines, or
 * {@code section.option = value} lines; {@code #} and {@code ;} start comments.
 */
public final class ConfigLoader {
    /** Environment variables with this prefix that are not options (read by the launcher script). */
    private static final List<String> LAUNCHER_VARIABLES = List.of("COBROWSE_JAVA_OPTS", "COBROWSE_HOME");

    private ConfigLoader() {
    }

    /** Flags other than options ({@code --help}, {@code --print-config}) must be removed before this call. */
    public static CobrowseConfig load(List<String> args, Map<String, String> environment) {
        Map<ConfigOption, String> values = new EnumMap<>(ConfigOption.class);
        for (ConfigOption option : ConfigOption.values()) {
            values.put(option, option.defaultValue());
        }
        List<String> optionFlags = new ArrayList<>();
        Path configFile = null;
        for (String arg : args) {
            if (arg.startsWith("--config=")) {
                configFile = Path.of(arg.substring("--config=".length()));
            } else {
                optionFlags.add(arg);
            }
        }
        if (configFile != null) {
            values.putAll(readFile(configFile));
        }
        environment.forEach((name, value) -> {
            if (name.startsWith("COBROWSE_") && !LAUNCHER_VARIABLES.contains(name)) {
                ConfigOption option = ConfigOption.byEnvironmentName(name).orElseThrow(() ->
                        new ConfigException("Unknown option in environment: " + name + " (see --help)"));
                values.put(option, value);
            }
        });
        for (String flag : optionFlags) {
            if (!flag.startsWith("--") || !flag.contains("=")) {
                String shown = flag.contains("=") ? flag.substring(0, flag.indexOf('=')) + "=..." : flag; // may be a secret
                throw new ConfigException("Unrecognised argument: " + shown
                        + " (options are --section.option=value; see --help)");
            }
            String key = flag.substring(2, flag.indexOf('='));
            values.put(option(key, "flag --" + key), flag.substring(flag.indexOf('=') + 1));
        }
        return CobrowseConfig.from(values);
    }

    private static Map<ConfigOption, String> readFile(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException e) {
            throw new ConfigException("Cannot read config file " + file + ": " + e.getMessage());
        }
        Map<ConfigOption, String> values = new EnumMap<>(ConfigOption.class);
        String section = null;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).trim();
            String where = file + ":" + (i + 1);
            if (line.isEmpty() || line.startsWith("#") || line.startsWith(";")) {
                continue;
            }
            if (line.startsWith("[") && line.endsWith("]")) {
                section = line.substring(1, line.length() - 1).trim();
                continue;
            }
            int eq = line.indexOf('=');
            if (eq <= 0) {
                throw new ConfigException("Malformed line at " + where + ": expected 'option = value'");
            }
            String name = line.substring(0, eq).trim();
            String key = section == null || name.contains(".") ? name : section + "." + name;
            values.put(option(key, where), line.substring(eq + 1).trim());
        }
        return values;
    }

    private static ConfigOption option(String key, String where) {
        return ConfigOption.byKey(key).orElseThrow(() ->
                new ConfigException("Unknown option '" + key + "' (" + where + "); see --help for the list"));
    }

    /** The text of {@code --help}: every option, its default and meaning. */
    public static String help() {
        StringBuilder out = new StringBuilder("""
                Usage: ./cobrowse [--config=FILE] [--section.option=value ...] [--print-config] [--help]
                Each option can also be set in FILE ([section] then option = value) or as COBROWSE_SECTION_OPTION.
                Precedence: defaults < file < environment < flags.

                """);
        for (ConfigOption option : ConfigOption.values()) {
            out.append(String.format("  --%s=%s%n      %s%n      env %s%n", option.key(),
                    option.defaultValue() == null ? "(unset)" : option.defaultValue(), option.description(),
                    option.environmentName()));
        }
        return out.toString();
    }

    /** The effective configuration as {@code key = value} lines, for {@code --print-config}. */
    public static String describe(CobrowseConfig config) {
        StringBuilder out = new StringBuilder();
        for (ConfigOption option : ConfigOption.values()) {
            String value = config.effective().get(option);
            String shown = value == null ? "(unset)" : option.isSecret() ? "(set, hidden)"
                    : option == ConfigOption.REDIS_URI ? RedisConfig.withoutPasswords(value) : value;
            out.append(option.key()).append(" = ").append(shown).append('\n');
        }
        return out.toString();
    }
}
