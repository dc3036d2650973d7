package org.opencobrowse.bench;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.server.Server;
import org.opencobrowse.CobrowseNode;
import org.opencobrowse.config.ConfigLoader;

/**
 * The server side of a benchmark in its own JVM, so that its CPU time and heap are measured apart from the clients':
 * {@code ServerProcess node --option=value ...} (a real co-browse node) or {@code ServerProcess forwarder} (the
 * {@link BareForwarder} baseline). Prints {@code PORT <n>} once listening, then answers commands on stdin, one a
 * line: {@code heap} (used heap in bytes after two full GCs) and {@code quit}.
 */
public final class ServerProcess {
    private ServerProcess() {
    }

    public static void main(String[] args) throws Exception {
        AutoCloseable stop;
        int port;
        if (args[0].equals("forwarder")) {
            Server server = BareForwarder.start("127.0.0.1", 0);
            port = BareForwarder.port(server);
            stop = server::stop;
        } else {
            List<String> options = Arrays.asList(args).subList(1, args.length);
            CobrowseNode node = CobrowseNode.start(ConfigLoader.load(options, Map.of()));
            port = node.port();
            stop = node;
        }
        System.out.println("PORT " + port);
        System.out.flush();
        BufferedReader commands = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String command;
        while ((command = commands.readLine()) != null && !command.equals("quit")) {
            if (command.equals("heap")) {
                System.gc();
                Thread.sleep(200);
                System.gc();
                System.out.println("HEAP " + ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
                System.out.flush();
            }
        }
        stop.close();
        System.exit(0);
    }
}
