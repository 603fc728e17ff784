import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import javax.management.ObjectName;

import org.neo4j.configuration.GraphDatabaseInternalSettings;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.HttpConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.graphdb.config.Setting;
import org.neo4j.io.ByteUnit;

/**
 * Starts Neo4j Community (embedded) with a Bolt connector on 127.0.0.1 and nothing else.
 *
 * Compiled once by local-neo4j.ts into .cache/neo4j/ and run as
 *   java -cp LAUNCHER_JAR:CLASSPATH Launcher --home DIR --port N
 *   [--pagecache-mb N] [--tx-memory-mb N] [--tx-state-off-heap-mb N] [--delete-on-exit true]
 * (it also still runs as a single-file program: java -cp CLASSPATH Launcher.java ...).
 *
 * Why embedded rather than the server distribution: Maven Central ships the jars but not the
 * server's scripts and config layout, and embedding lets the launcher tie the JVM's life to its
 * parent: when standard input closes (the Node parent exited, crashed or was killed), the
 * database shuts down cleanly and the JVM exits, so no JVM is ever orphaned.
 */
public class Launcher {
    public static void main(String[] args) throws Exception {
        Map<String, String> opts = parse(args);
        Path home = Path.of(require(opts, "home")).toAbsolutePath();
        int port = Integer.parseInt(require(opts, "port"));
        long pageCacheMb = Long.parseLong(opts.getOrDefault("pagecache-mb", "128"));
        long txMemoryMb = Long.parseLong(opts.getOrDefault("tx-memory-mb", "512"));
        long txStateOffHeapMb = Long.parseLong(opts.getOrDefault("tx-state-off-heap-mb", "0"));
        boolean deleteOnExit = Boolean.parseBoolean(opts.getOrDefault("delete-on-exit", "false"));

        Map<Setting<?>, Object> config = new HashMap<>();
        config.put(BoltConnector.enabled, true);
        config.put(BoltConnector.listen_address, new SocketAddress("127.0.0.1", port));
        config.put(HttpConnector.enabled, false);
        config.put(GraphDatabaseSettings.auth_enabled, false);
        // Explicit memory: Neo4j's default page cache is half the machine's RAM.
        config.put(GraphDatabaseSettings.pagecache_memory, ByteUnit.mebiBytes(pageCacheMb));
        config.put(GraphDatabaseSettings.memory_transaction_global_max_size, ByteUnit.mebiBytes(txMemoryMb));
        // A bulk load's one transaction holds every new property in its state until commit; on
        // the heap, a million relationships kept G1 in back-to-back full collections (bench:ingest).
        if (txStateOffHeapMb > 0) {
            config.put(GraphDatabaseSettings.tx_state_memory_allocation,
                    GraphDatabaseSettings.TransactionStateMemoryAllocation.OFF_HEAP);
            config.put(GraphDatabaseSettings.tx_state_max_off_heap_memory, ByteUnit.mebiBytes(txStateOffHeapMb));
        }
        // A local dev/test database reports nothing: usage data would only try the network.
        config.put(GraphDatabaseSettings.udc_enabled, false);
        // Netty waits a 5 s quiet period per event-loop group (two of them) before it lets the
        // Bolt server stop: 10 s of every shutdown, for connections that are already closed.
        config.put(GraphDatabaseInternalSettings.netty_server_shutdown_quiet_period, 0);
        config.put(GraphDatabaseInternalSettings.netty_server_shutdown_timeout, Duration.ofSeconds(5));

        long started = System.nanoTime();
        DatabaseManagementService dbms;
        try {
            dbms = new DatabaseManagementServiceBuilder(home).setConfig(config).build();
        } catch (Throwable e) {
            System.err.println("neo4j-launcher: failed to start: " + rootMessage(e));
            System.exit(3);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("neo4j-launcher: shutting down");
            dbms.shutdown();
            // Throw-away instances clean up even when their parent died without doing so.
            if (deleteOnExit) deleteRecursively(home);
        }, "neo4j-shutdown"));
        System.out.printf("neo4j-launcher: started bolt://127.0.0.1:%d in %d ms%n", port,
                (System.nanoTime() - started) / 1_000_000);
        System.out.flush();

        // Parent watchdog: EOF on stdin means the parent is gone. Until then the parent may send
        // one command per line; anything else is ignored.
        try (BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                if (line.startsWith(CDS_DUMP)) dumpClassData(line.substring(CDS_DUMP.length()).trim());
            }
        } catch (IOException ignored) {
            // Treat a broken pipe like EOF.
        }
        System.exit(0);
    }

    private static final String CDS_DUMP = "cds-dump ";

    /**
     * Writes the classes loaded so far (JVM boot, Neo4j's start, a Bolt query) into an AppCDS
     * archive, the same as -XX:ArchiveClassesAtExit but now, while the database keeps serving:
     * the next start maps them instead of loading, verifying and linking ~13,000 classes again.
     * Needs -XX:+RecordDynamicDumpInfo; the parent reads the result line from the log.
     */
    private static void dumpClassData(String file) {
        try {
            Object out = ManagementFactory.getPlatformMBeanServer().invoke(
                    new ObjectName("com.sun.management:type=DiagnosticCommand"), "vmCds",
                    new Object[] {new String[] {"dynamic_dump", file}}, new String[] {String[].class.getName()});
            System.out.println("neo4j-launcher: cds-dump written " + file + " " + String.valueOf(out).trim().replace('\n', ' '));
        } catch (Throwable e) {
            System.out.println("neo4j-launcher: cds-dump failed " + file + " " + rootMessage(e));
        }
        System.out.flush();
    }

    private static void deleteRecursively(Path dir) {
        try (var paths = java.nio.file.Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // Best effort: the parent deletes it too when it is alive.
        }
    }

    private static Map<String, String> parse(String[] args) {
        Map<String, String> out = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (!args[i].startsWith("--")) throw new IllegalArgumentException("unexpected argument " + args[i]);
            out.put(args[i].substring(2), args[i + 1]);
        }
        return out;
    }

    private static String require(Map<String, String> opts, String key) {
        String v = opts.get(key);
        if (v == null) {
            System.err.println("neo4j-launcher: missing --" + key);
            System.exit(2);
        }
        return v;
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        StringBuilder sb = new StringBuilder(String.valueOf(e.getMessage()));
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
            sb.append(" <- ").append(t.getClass().getSimpleName()).append(": ").append(t.getMessage());
        }
        return sb.toString();
    }
}
