package graphkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.Map;

import org.neo4j.configuration.GraphDatabaseInternalSettings;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.BoltConnectorInternalSettings;
import org.neo4j.configuration.connectors.HttpConnector;
import org.neo4j.configuration.connectors.HttpsConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.harness.Neo4j;
import org.neo4j.harness.Neo4jBuilder;
import org.neo4j.harness.Neo4jBuilders;

/**
 * Throw-away in-process Neo4j (Community) server for graphkit's Python tests.
 *
 * <p>Protocol, as used by {@code tests/neo4j_server.py}:
 * <ul>
 *   <li>Bolt listens on 127.0.0.1 on a free port picked by the OS; HTTP/HTTPS,
 *       server-side routing and usage reporting are switched off, so nothing
 *       else is opened and nothing is sent anywhere.</li>
 *   <li>When ready, exactly one line is written to stdout: the Bolt URI, e.g.
 *       {@code bolt://127.0.0.1:40123}. Everything else (Neo4j's own output,
 *       errors) goes to stderr.</li>
 *   <li>The server runs until its standard input reaches end-of-file (the parent
 *       closed the pipe or died), then shuts down and deletes its data folder.
 *       SIGTERM does the same through a shutdown hook.</li>
 *   <li>Auth is off unless {@code --auth} is given; then the password of user
 *       {@code neo4j} is taken from the environment variable
 *       {@value #PASSWORD_ENV} (not from argv, so it does not show in ps).</li>
 * </ul>
 * Exit status: 0 after a clean shutdown, 2 for bad usage, 1 if startup failed.
 */
public final class Neo4jTestServer {

    static final String PASSWORD_ENV = "GRAPHKIT_NEO4J_TEST_PASSWORD";
    static final String PAGECACHE_ENV = "GRAPHKIT_NEO4J_PAGECACHE_MB";
    static final String USER = "neo4j";

    private static final Object LOCK = new Object();
    private static Neo4j server;
    private static Path workDir;
    private static boolean stopped;

    private Neo4jTestServer() {
    }

    public static void main(String[] args) {
        // Keep the real stdout for the single URI line; route anything else
        // that would print to stdout (library banners, logging) to stderr.
        PrintStream uriOut = System.out;
        System.setOut(System.err);

        boolean auth = false;
        for (String arg : args) {
            if (arg.equals("--auth")) {
                auth = true;
            } else {
                System.err.println("usage: Neo4jTestServer [--auth]   (password from $" + PASSWORD_ENV + ")");
                System.exit(2);
            }
        }
        String password = null;
        if (auth) {
            password = System.getenv(PASSWORD_ENV);
            if (password == null || password.isEmpty()) {
                System.err.println("--auth needs the password in the environment variable " + PASSWORD_ENV);
                System.exit(2);
            }
        }

        Runtime.getRuntime().addShutdownHook(new Thread(Neo4jTestServer::stop, "neo4j-test-server-stop"));

        URI bolt;
        try {
            bolt = start(password);
        } catch (Throwable t) {
            System.err.println("Neo4jTestServer: startup failed");
            t.printStackTrace(System.err);
            stop();
            Runtime.getRuntime().halt(1);
            return;
        }

        uriOut.println(bolt);
        uriOut.flush();

        waitForStdinEof();
        stop();
        System.exit(0);
    }

    private static URI start(String password) throws IOException {
        Path dir = Files.createTempDirectory("graphkit-neo4j-");
        synchronized (LOCK) {
            workDir = dir;
        }
        long pageCacheMb = 64;
        String pc = System.getenv(PAGECACHE_ENV);
        if (pc != null && !pc.isBlank()) {
            pageCacheMb = Long.parseLong(pc.trim());
        }
        SocketAddress loopbackAnyPort = new SocketAddress("127.0.0.1", 0);

        Neo4jBuilder builder = Neo4jBuilders.newInProcessBuilder(dir)
                // No web server at all (HTTP API / browser), and make sure the
                // connectors could only ever bind to loopback.
                .withDisabledServer()
                .withConfig(HttpConnector.enabled, false)
                .withConfig(HttpConnector.listen_address, loopbackAnyPort)
                .withConfig(HttpsConnector.enabled, false)
                .withConfig(HttpsConnector.listen_address, loopbackAnyPort)
                .withConfig(GraphDatabaseSettings.default_listen_address, new SocketAddress("127.0.0.1"))
                .withConfig(GraphDatabaseSettings.default_advertised_address, new SocketAddress("127.0.0.1"))
                .withConfig(BoltConnector.enabled, true)
                .withConfig(BoltConnector.listen_address, loopbackAnyPort)
                .withConfig(BoltConnector.advertised_address, loopbackAnyPort)
                .withConfig(BoltConnector.encryption_level, BoltConnector.EncryptionLevel.DISABLED)
                // Server-side routing would open a second fixed port (7688).
                .withConfig(GraphDatabaseSettings.routing_enabled, false)
                .withConfig(GraphDatabaseSettings.routing_listen_address, loopbackAnyPort)
                // Never phone home.
                .withConfig(GraphDatabaseSettings.udc_enabled, false)
                .withConfig(GraphDatabaseInternalSettings.udc_network_enabled, false)
                // Small footprint: tiny page cache, no 250 MB preallocated tx logs.
                .withConfig(GraphDatabaseSettings.pagecache_memory, pageCacheMb * 1024L * 1024L)
                .withConfig(GraphDatabaseSettings.preallocate_logical_logs, false)
                .withConfig(GraphDatabaseSettings.logical_log_rotation_threshold, 16L * 1024L * 1024L)
                .withConfig(GraphDatabaseSettings.keep_logical_logs, "false")
                .withConfig(GraphDatabaseSettings.transaction_timeout, Duration.ofMinutes(10))
                // Keep each query's plan: the tests empty and refill the database all the time, and by
                // default every such change of size made the server plan its queries anew (most of its CPU).
                .withConfig(GraphDatabaseSettings.query_statistics_divergence_threshold, 1.0)
                .withConfig(GraphDatabaseSettings.cypher_min_replan_interval, Duration.ofDays(1))
                // Fast shutdown: Netty's defaults wait 5 s of quiet per event loop
                // group (two groups), which made every stop take ~10-20 s.
                .withConfig(GraphDatabaseInternalSettings.netty_server_shutdown_quiet_period, 0)
                .withConfig(GraphDatabaseInternalSettings.netty_server_shutdown_timeout, Duration.ofSeconds(2))
                .withConfig(BoltConnectorInternalSettings.thread_pool_shutdown_wait_time, Duration.ofSeconds(2))
                .withConfig(BoltConnectorInternalSettings.connection_shutdown_wait_time, Duration.ofSeconds(2))
                .withConfig(GraphDatabaseSettings.shutdown_transaction_end_timeout, Duration.ofSeconds(2))
                .withConfig(GraphDatabaseSettings.auth_enabled, password != null);
        if (password != null) {
            builder = builder
                    .withConfig(GraphDatabaseSettings.auth_minimum_password_length, 1)
                    // Tests try wrong passwords on purpose: never lock the user out.
                    .withConfig(GraphDatabaseSettings.auth_max_failed_attempts, 0);
        }

        Neo4j neo4j = builder.build();
        synchronized (LOCK) {
            server = neo4j;
            if (stopped) {
                throw new IllegalStateException("stopped during startup");
            }
        }

        if (password != null) {
            // Embedded access is not subject to auth; set the initial password
            // and clear the "must change password" flag in one go.
            neo4j.databaseManagementService()
                    .database(GraphDatabaseSettings.SYSTEM_DATABASE_NAME)
                    .executeTransactionally(
                            "ALTER USER " + USER + " SET PASSWORD $password CHANGE NOT REQUIRED",
                            Map.of("password", password));
        }

        URI uri = neo4j.boltURI();
        int port = uri.getPort();
        if (port <= 0) {
            throw new IllegalStateException("Bolt connector reported no port: " + uri);
        }
        return URI.create("bolt://127.0.0.1:" + port);
    }

    private static void waitForStdinEof() {
        InputStream in = System.in;
        byte[] buf = new byte[256];
        try {
            while (in.read(buf) != -1) {
                // Ignore anything written; only EOF matters.
            }
        } catch (IOException e) {
            // A broken stdin counts as closed.
        }
    }

    private static void stop() {
        Neo4j toClose;
        Path dir;
        synchronized (LOCK) {
            if (stopped) {
                return;
            }
            stopped = true;
            toClose = server;
            dir = workDir;
        }
        if (toClose != null) {
            try {
                toClose.close();
            } catch (Throwable t) {
                System.err.println("Neo4jTestServer: error during shutdown");
                t.printStackTrace(System.err);
            }
        }
        if (dir != null) {
            deleteQuietly(dir);
        }
    }

    private static void deleteQuietly(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try {
            Files.walkFileTree(dir, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.deleteIfExists(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path d, IOException exc) throws IOException {
                    Files.deleteIfExists(d);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            System.err.println("Neo4jTestServer: could not delete " + dir + ": " + e);
        }
    }
}
