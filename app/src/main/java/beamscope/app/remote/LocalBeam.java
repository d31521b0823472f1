package beamscope.app.remote;

import com.ericsson.otp.erlang.OtpEpmd;
import com.ericsson.otp.erlang.OtpPeer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A BEAM node Beamscope starts on this machine: {@code erl} (or Elixir's {@code elixir --no-halt}, the
 * non-interactive form of {@code iex}) with a short name and a random cookie, its output in a log file.
 * {@link #attach()} connects to it. {@link #close()} stops it (and a JVM shutdown hook stops it if the JVM
 * ends first). epmd starts with the first node, as erl starts it.
 */
public final class LocalBeam implements AutoCloseable {

    /** The program that runs the node. */
    public enum Shell { ERL, IEX }

    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);

    private final Process process;
    private final String node;
    private final String cookie;
    private final Path log;
    private final Thread hook;

    private LocalBeam(Process process, String node, String cookie, Path log) {
        this.process = process;
        this.node = node;
        this.cookie = cookie;
        this.log = log;
        this.hook = new Thread(process::destroyForcibly, "stop " + node);
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /** A cookie of 20 random letters. */
    public static String randomCookie() {
        SecureRandom r = new SecureRandom();
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 20; i++) sb.append((char) ('A' + r.nextInt(26)));
        return sb.toString();
    }

    /** A fresh name {@code beamscope_node_<hex>}. */
    public static String randomName() {
        return "beamscope_node_" + HexFormat.of().formatHex(new SecureRandom().generateSeed(3));
    }

    /** Starts a node with a fresh name and a random cookie. */
    public static LocalBeam start(Shell shell) {
        return start(shell, randomName(), randomCookie(), List.of());
    }

    /**
     * Starts {@code shell} as node {@code shortName@<this host>} with {@code cookie} and waits until it has
     * registered with epmd. {@code extraArgs} go to erl as they are (e.g. {@code -pa dir}, {@code -eval expr};
     * for IEX they follow {@code elixir}'s own options, e.g. {@code --erl "+P 2000000"} or {@code -e expr}).
     */
    public static LocalBeam start(Shell shell, String shortName, String cookie, List<String> extraArgs) {
        String node = shortName + "@" + Connection.shortHostName();
        List<String> cmd = new ArrayList<>();
        switch (shell) {
            case ERL -> cmd.addAll(List.of("erl", "-sname", shortName, "-setcookie", cookie, "-noinput"));
            case IEX -> cmd.addAll(List.of("elixir", "--sname", shortName, "--cookie", cookie, "--no-halt"));
        }
        cmd.addAll(extraArgs);
        Path log;
        Process p;
        try {
            log = Files.createTempFile(shortName + "-", ".log");
            p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        } catch (IOException e) {
            throw new RemoteError(RemoteError.Kind.NOT_RUNNING, "Could not start " + cmd.get(0) + " (" + e.getMessage()
                    + "): install Erlang (apt-get install erlang-nox" + (shell == Shell.IEX ? " elixir" : "") + ")", e);
        }
        LocalBeam beam = new LocalBeam(p, node, cookie, log);
        try {
            beam.awaitRegistered(START_TIMEOUT);
        } catch (RuntimeException e) {
            beam.close();
            throw e;
        }
        return beam;
    }

    private void awaitRegistered(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            if (!process.isAlive()) {
                throw new RemoteError(RemoteError.Kind.NOT_RUNNING, "Node " + node + " exited with status " + process.exitValue()
                        + " while starting: " + logTail());
            }
            try {
                if (OtpEpmd.lookupPort(new OtpPeer(node)) > 0) return;
            } catch (IOException epmdNotUpYet) {
                // erl starts epmd; it may not listen yet
            }
            if (System.nanoTime() > deadline) {
                throw new RemoteError(RemoteError.Kind.TIMEOUT, "Node " + node + " did not register with epmd within "
                        + timeout.toSeconds() + " s: " + logTail());
            }
            try {
                process.waitFor(20, TimeUnit.MILLISECONDS); // returns at once if it dies
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new RemoteError(RemoteError.Kind.TIMEOUT, "interrupted while starting " + node, e);
            }
        }
    }

    /** The last lines the node wrote. */
    public String logTail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    /** {@code name@host}. */
    public String node() {
        return node;
    }

    public String cookie() {
        return cookie;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Connects to this node with its cookie. */
    public Connection attach() {
        return Connection.attach(node, cookie);
    }

    /** Kills the node at once (SIGKILL), as a crash would; waits until the OS process is gone. */
    public void kill() {
        process.destroyForcibly();
        try {
            process.waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops the node (SIGTERM, which erl answers with init:stop; SIGKILL if it lingers) and deletes its log. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) kill();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            kill();
        }
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook runs anyway
        }
        try {
            Files.deleteIfExists(log);
        } catch (IOException ignored) {
            // a temp file
        }
    }
}
