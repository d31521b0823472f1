package beamscope.elixir;

import beamscope.runtime.Atom;

/**
 * The evaluator's instructions. Values pass on the process's operand stack; variables live in frame
 * slots. Everything that cannot suspend or call Elixir code is one {@link Push} of a {@link Ev} tree.
 */
sealed interface Insn {

    /** A pure expression (no Elixir calls, no receive), evaluated directly. */
    interface Ev {
        Object ev(Object[] slots, Machine m);
    }

    /** A pattern: matches a value, binding slots; false when it does not match. */
    interface Pat {
        boolean match(Object value, Object[] slots, Machine m);
    }

    record Push(Ev ev) implements Insn {}

    record Drop() implements Insn {}

    /** {@code pat = value}: the value stays on the stack; a mismatch raises MatchError. */
    record Match(Pat pat, int line) implements Insn {}

    /** A case clause: when the top value matches (and the guard holds) pop it, else jump to {@code fail}. */
    record Test(Pat pat, Ev guard, int fail) implements Insn {}

    /** A function clause: match the argument slots, else jump to {@code fail}. */
    record MatchArgs(Pat[] pats, Ev guard, int fail) implements Insn {}

    record Jump(int to) implements Insn {}

    /** Pops; jumps when the value is {@code false} or {@code nil}. */
    record JumpIfFalsy(int to) implements Insn {}

    /** Calls a named function with {@code argc} arguments from the stack; {@code tail} reuses the frame. */
    record Call(Target target, int argc, boolean tail) implements Insn {}

    /** Calls the function value below its {@code argc} arguments on the stack. */
    record Apply(int argc, boolean tail, int line) implements Insn {}

    /** {@code apply(module, fun, args)}: three values on the stack. */
    record ApplyMfa(boolean tail) implements Insn {}

    /** {@code receive}: a timeout is on the stack when {@code after >= 0}. */
    record Receive(Pat[] pats, Ev[] guards, int[] bodies, int after) implements Insn {}

    record TryBegin(int handler) implements Insn {}

    record TryEnd() implements Insn {}

    /** Pops {@code {kind, value, stacktrace}} and raises it again. */
    record Reraise() implements Insn {}

    /** Pops a value and raises an error built from it (no clause matched). */
    record Fail(Atom error, int line) implements Insn {}

    record Return() implements Insn {}

    /** A function named by module, name and arity, resolved on first call. */
    final class Target {
        final Atom module;
        final String name;
        final int arity;
        Fn resolved;
        boolean prependModule; // a default from `use`: called with the module as first argument

        Target(Atom module, String name, int arity) {
            this.module = module;
            this.name = name;
            this.arity = arity;
        }

        @Override
        public String toString() {
            return Values.moduleName(module) + "." + name + "/" + arity;
        }
    }
}
