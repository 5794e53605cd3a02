package graphmodel;

import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.neo4j.configuration.Config;
import org.neo4j.configuration.GraphDatabaseInternalSettings;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.graphdb.QueryExecutionException;
import org.neo4j.graphdb.config.Setting;
import org.neo4j.harness.Neo4j;
import org.neo4j.harness.Neo4jBuilder;
import org.neo4j.harness.Neo4jBuilders;

/**
 * A real Neo4j 5.26 server (community, in-process via neo4j-harness) for tests and CI.
 *
 * <p>Usage: {@code java -cp ... graphmodel.Neo4jServer [--setting NAME=VALUE]... [PORT [DATA_DIR]]};
 * PORT defaults to $NEO4J_PORT or 7687, DATA_DIR to $NEO4J_DATA_DIR or a temporary directory that
 * is deleted on stop. Each {@code --setting} is a Neo4j setting as neo4j.conf spells it (e.g.
 * {@code server.memory.pagecache.size=4g}), parsed and validated by Neo4j; it overrides the
 * harness's test defaults (an 8 MB page cache among them). Bolt listens on 127.0.0.1:PORT only, HTTP is off, authentication is on: user "neo4j" with
 * the password from $NEO4J_PASSWORD (required, at least 8 characters as in Neo4j's own default).
 * Prints "READY bolt://127.0.0.1:PORT" once Bolt answers; SIGTERM/SIGINT shut it down cleanly.
 */
public final class Neo4jServer {
    private static final String HOST = "127.0.0.1";

    public static void main(String[] argv) throws Exception {
        Map<String, String> settings = new LinkedHashMap<>();
        List<String> positional = new ArrayList<>();
        for (int i = 0; i < argv.length; i++) {
            if (argv[i].equals("--setting") && i + 1 < argv.length && argv[i + 1].contains("=")) {
                String[] pair = argv[++i].split("=", 2);
                settings.put(pair[0].trim(), pair[1].trim());
            } else if (argv[i].startsWith("--")) {
                fail("unknown option " + argv[i] + " (expected --setting NAME=VALUE)");
            } else {
                positional.add(argv[i]);
            }
        }
        String[] args = positional.toArray(new String[0]);
        int port = Integer.parseInt(arg(args, 0, "NEO4J_PORT", "7687"));
        String dataDir = arg(args, 1, "NEO4J_DATA_DIR", "");
        String password = System.getenv().getOrDefault("NEO4J_PASSWORD", "");
        if (password.isEmpty()) {
            fail("NEO4J_PASSWORD must be set (the password of the neo4j user)");
        }

        var builder = Neo4jBuilders.newInProcessBuilder() // NEO4J_HOME in a temp dir, deleted on close
                .withDisabledServer() // no HTTP/HTTPS connectors
                .withConfig(BoltConnector.enabled, true)
                .withConfig(BoltConnector.listen_address, new SocketAddress(HOST, port))
                .withConfig(BoltConnector.advertised_address, new SocketAddress(HOST, port))
                .withConfig(BoltConnector.encryption_level, BoltConnector.EncryptionLevel.DISABLED)
                .withConfig(GraphDatabaseSettings.routing_enabled, false) // no extra :7688 listener
                .withConfig(GraphDatabaseSettings.auth_enabled, true) // the harness turns it off
                // stop in ~1s instead of ~11s: Bolt's netty event loops wait 5s "quiet period" twice
                .withConfig(GraphDatabaseInternalSettings.netty_server_shutdown_quiet_period, 0);
        applySettings(builder, settings);
        if (!dataDir.isEmpty()) {
            Path dir = Files.createDirectories(Path.of(dataDir)).toAbsolutePath();
            builder.withConfig(GraphDatabaseSettings.data_directory, dir); // kept across restarts
            System.out.println("data directory: " + dir);
        }

        Neo4j neo4j;
        try {
            neo4j = builder.build();
        } catch (RuntimeException e) {
            e.printStackTrace();
            fail("could not start Neo4j on " + HOST + ":" + port + " (port in use?)");
            return;
        }

        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("stopping Neo4j");
            neo4j.close();
            System.out.println("STOPPED");
            stopped.countDown();
        }, "neo4j-shutdown"));

        try {
            setPassword(neo4j, password);
        } catch (RuntimeException e) {
            fail("could not set the password of the neo4j user: " + e.getMessage());
        }
        waitForBolt(port);
        System.out.println("Neo4j " + org.neo4j.kernel.internal.Version.getNeo4jVersion()
                + " (community, neo4j-harness), auth enabled, user neo4j");
        System.out.println("READY bolt://" + HOST + ":" + port);
        stopped.await(); // park the main thread until the shutdown hook has run
    }

    /** Parses NAME=VALUE settings with Neo4j's own config (unknown names and bad values fail) and applies them. */
    private static void applySettings(Neo4jBuilder builder, Map<String, String> settings) {
        if (settings.isEmpty()) {
            return;
        }
        Config parsed;
        try {
            parsed = Config.newBuilder().setRaw(settings).build();
        } catch (RuntimeException e) {
            fail("bad setting: " + e.getMessage());
            return;
        }
        for (String name : settings.keySet()) {
            Setting<Object> setting = parsed.getDeclaredSettings().get(name);
            if (setting == null) {
                fail("unknown Neo4j setting " + name);
            }
            builder.withConfig(setting, parsed.get(setting));
            System.out.println("setting " + name + "=" + settings.get(name));
        }
    }

    /** Sets the neo4j user's password (default "neo4j", change required) through the system db. */
    private static void setPassword(Neo4j neo4j, String password) {
        var system = neo4j.databaseManagementService().database(GraphDatabaseSettings.SYSTEM_DATABASE_NAME);
        try {
            system.executeTransactionally(
                    "ALTER USER neo4j SET PASSWORD $p CHANGE NOT REQUIRED", Map.of("p", password));
        } catch (QueryExecutionException e) {
            // A persistent data dir already holding this password: Neo4j refuses "changing" to the same one.
            if (!String.valueOf(e.getMessage()).contains("Old password and new password cannot be the same")) {
                throw e;
            }
        }
    }

    private static void waitForBolt(int port) throws InterruptedException {
        for (int i = 0; i < 300; i++) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(HOST, port), 1000);
                return;
            } catch (java.io.IOException e) {
                Thread.sleep(100);
            }
        }
        fail("Bolt did not answer on " + HOST + ":" + port);
    }

    private static String arg(String[] args, int i, String env, String def) {
        return args.length > i ? args[i] : System.getenv().getOrDefault(env, def);
    }

    private static void fail(String message) {
        System.err.println("ERROR: " + message);
        System.exit(1);
    }
}
