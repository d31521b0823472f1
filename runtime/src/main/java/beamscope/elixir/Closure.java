package beamscope.elixir;

/** A function value: compiled code and the values it captured ({@code fn}, {@code &Mod.fun/1}). */
record Closure(Fn fn, Object[] env) {
    int arity() {
        return fn.arity;
    }

    @Override
    public boolean equals(Object o) {
        return this == o;
    }

    @Override
    public int hashCode() {
        return System.identityHashCode(this);
    }
}
