package beamscope.elixir;

/**
 * One compiled function: all clauses of {@code name/arity} in a module, or one anonymous {@code fn}. Its
 * code is a small instruction list; every variable has a slot in the frame, fixed at compile time
 * (arguments first, then one fresh slot per binding, so a rebinding in an inner clause never disturbs an
 * outer one).
 */
final class Fn {
    final String module;   // "Counter", or null at the top of a script
    final String name;     // "loop", or for an anonymous fn the name of the function it is in
    final int arity;
    final boolean anonymous;
    String label;    // "Counter.loop/1", "anonymous fn/0 in Counter.start/0"
    String file = "nofile";
    int nslots;
    Insn[] code;
    byte[] ops; // Insn.opcode of each instruction of code
    int[] envSlots = new int[0]; // where a closure's captured values go
    Jit.Compiled jit;  // its compiled code, when the JIT tier compiled it (see Jit)

    Fn(String module, String name, int arity, boolean anonymous) {
        this.module = module;
        this.name = name;
        this.arity = arity;
        this.anonymous = anonymous;
        String where = (module == null ? "" : module + ".") + name;
        this.label = anonymous ? "anonymous fn/" + arity + " in " + where : where + "/" + arity;
    }

    /** Sets the code and its opcodes. */
    void code(Insn[] code) {
        byte[] o = new byte[code.length];
        for (int i = 0; i < code.length; i++) o[i] = Insn.opcode(code[i]);
        this.code = code;
        this.ops = o;
    }

    @Override
    public String toString() {
        return label;
    }
}
