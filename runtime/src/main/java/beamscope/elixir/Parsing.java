package beamscope.elixir;

/**
 * Source to quoted form through {@code beamscope.elixir.ElixirParser} (the parser of issue 14, built
 * beside this evaluator). It is looked up by name so that the evaluator builds and runs already-parsed
 * code ({@link Elixir#runQuoted}) while the parser is not in the build.
 */
final class Parsing {
    private Parsing() {}

    static Object parse(String source, String file) {
        try {
            Class<?> parser = Class.forName("beamscope.elixir.ElixirParser");
            return parser.getMethod("parse", String.class, String.class).invoke(null, source, file);
        } catch (java.lang.reflect.InvocationTargetException e) {
            if (e.getCause() instanceof RuntimeException r) throw r;
            throw new IllegalStateException(e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new UnsupportedOperationException("the Elixir parser (beamscope.elixir.ElixirParser) is not in this build");
        }
    }

    static String report(RuntimeException e) {
        if (e instanceof ElixirSyntaxError) return e.getMessage(); // "** (SyntaxError) file:line:column: …"
        return "** (" + e.getClass().getSimpleName() + ") " + e.getMessage();
    }
}
