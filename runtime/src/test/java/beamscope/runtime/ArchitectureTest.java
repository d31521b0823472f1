package beamscope.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The runtime's one door: {@link Node} is the only code that reaches into the internal package, and the
 * internal package shows the outside one type, the node's runtime. Plain JUnit: it reads the source
 * trees of the runtime, app and bench modules, and the runtime's compiled classes.
 */
class ArchitectureTest {

    /** The internal package's name, built so that this file does not mention it. */
    static final String INTERNAL = Node.class.getPackageName() + ".internal";
    /** An import of, or a qualified reference to, an internal type (not a mere string such as a stack-frame prefix). */
    static final Pattern REFERENCE = Pattern.compile(Pattern.quote(INTERNAL + ".") + "[A-Z*]");
    static final Pattern IN_INTERNAL = Pattern.compile("(?m)^package " + Pattern.quote(INTERNAL) + ";");

    @Nested
    class Sources {
        @Test
        void onlyNodeReferencesTheInternalPackage() {
            Path root = projectRoot();
            List<String> offenders = new ArrayList<>();
            for (Path file : javaFiles(root)) {
                String text = read(file);
                if (IN_INTERNAL.matcher(text).find()) continue; // inside the package (its own tests)
                if (file.endsWith(Path.of("runtime/src/main/java/beamscope/runtime/Node.java"))) continue;
                if (REFERENCE.matcher(text).find()) offenders.add(root.relativize(file).toString());
            }
            assertThat(offenders).as("files outside %s that reference it", INTERNAL).isEmpty();
        }

        @Test
        void onlyTheRuntimesOwnTestsJoinTheInternalPackage() {
            Path root = projectRoot();
            Path runtimeTests = root.resolve("runtime/src/test");
            Path runtimeMain = root.resolve("runtime/src/main");
            List<String> offenders = new ArrayList<>();
            for (Path file : javaFiles(root)) {
                if (file.startsWith(runtimeTests) || file.startsWith(runtimeMain)) continue;
                if (IN_INTERNAL.matcher(read(file)).find()) offenders.add(root.relativize(file).toString());
            }
            assertThat(offenders).as("files in app or bench declaring package %s", INTERNAL).isEmpty();
        }

        @Test
        void nodeIsTheOnlyDoor_itCallsEveryPublicMethodOfTheRuntime() throws ClassNotFoundException {
            String node = read(projectRoot().resolve("runtime/src/main/java/beamscope/runtime/Node.java"));
            List<String> unused = new ArrayList<>();
            for (Class<?> c : internalClasses()) {
                if (!effectivelyPublic(c)) continue;
                for (var m : c.getDeclaredMethods()) {
                    if (Modifier.isPublic(m.getModifiers()) && !node.contains("rt." + m.getName() + "("))
                        unused.add(c.getSimpleName() + "." + m.getName());
                }
            }
            assertThat(unused).as("public internal methods Node does not call").isEmpty();
        }
    }

    @Nested
    class CompiledClasses {
        @Test
        void theNodesRuntimeIsTheOnlyPublicInternalType() throws ClassNotFoundException {
            List<String> visible = new ArrayList<>();
            for (Class<?> c : internalClasses()) if (effectivelyPublic(c)) visible.add(c.getName());
            assertThat(visible).containsExactly(INTERNAL + ".NodeRuntime");
        }
    }

    /** Public, and so is every class it is nested in: what code outside the package can name. */
    static boolean effectivelyPublic(Class<?> c) {
        for (Class<?> k = c; k != null; k = k.getEnclosingClass()) {
            if (!Modifier.isPublic(k.getModifiers())) return false;
        }
        return true;
    }

    /** Every class compiled into the internal package, nested ones included, found next to {@link Node}'s class file. */
    static List<Class<?>> internalClasses() throws ClassNotFoundException {
        Path classes;
        try {
            classes = Path.of(Node.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        Path dir = classes.resolve(INTERNAL.replace('.', '/'));
        assertThat(dir).as("the compiled internal package").isDirectory();
        List<Class<?>> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".class")).sorted().toList()) {
                String simple = f.getFileName().toString().replace(".class", "");
                out.add(Class.forName(INTERNAL + "." + simple, false, Node.class.getClassLoader()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        assertThat(out).as("internal classes").hasSizeGreaterThan(10);
        return out;
    }

    /** The checkout's root: the directory that holds the runtime, app and bench modules. */
    static Path projectRoot() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve("runtime/src/main/java"))
                    && Files.isDirectory(p.resolve("app/src/main/java"))
                    && Files.isDirectory(p.resolve("bench/src/main/java"))) return p;
        }
        throw new AssertionError("no checkout with runtime, app and bench above " + Path.of("").toAbsolutePath());
    }

    /** The Java sources of the runtime, app and bench modules (main and test). */
    static List<Path> javaFiles(Path root) {
        List<Path> out = new ArrayList<>();
        for (String module : List.of("runtime", "app", "bench")) {
            Path src = root.resolve(module).resolve("src");
            try (Stream<Path> s = Files.walk(src)) {
                s.filter(p -> p.toString().endsWith(".java")).forEach(out::add);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        assertThat(out).as("Java sources found").hasSizeGreaterThan(100);
        return out;
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
