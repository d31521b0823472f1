package beamscope.elixir;

import beamscope.runtime.Atom;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** A compiled module: its functions by {@code "name/arity"}, its struct, and what it {@code use}s. */
final class ElixirModule {
    final Atom name;
    final Map<String, Fn> functions = new ConcurrentHashMap<>();
    Atom uses;
    Object useOpts;
    Map<Object, Object> struct;

    ElixirModule(Atom name) {
        this.name = name;
    }
}
