package beamscope.elixir;

import beamscope.runtime.Atom;

/**
 * The evaluator's instructions. Values pass on the process's operand stack; variables live in frame
 * slots. Everything that cannot suspend or call Elixir code is one {@link Push} of a {@link Ev} tree.
 */
sealed interface Insn {

    /** Opcodes: {@link Fn#ops} holds one per instruction, so the machine dispatches on an int (a table switch). */
    byte PUSH = 0, DROP = 1, MATCH = 2, TEST = 3, MATCH_ARGS = 4, JUMP = 5, JUMP_IF_FALSY = 6, CALL = 7, APPLY = 8,
            APPLY_MFA = 9, RECEIVE = 10, TRY_BEGIN = 11, TRY_END = 12, RERAISE = 13, FAIL = 14, RETURN = 15, STORE = 16,
            RETURN_VALUE = 17;

    static byte opcode(Insn in) {
        return switch (in) {
            case Push p -> PUSH;
            case Drop d -> DROP;
            case Match m -> MATCH;
            case Test t -> TEST;
            case MatchArgs m -> MATCH_ARGS;
            case Jump j -> JUMP;
            case JumpIfFalsy j -> JUMP_IF_FALSY;
            case Call c -> CALL;
            case Apply a -> APPLY;
            case ApplyMfa a -> APPLY_MFA;
            case Receive r -> RECEIVE;
            case TryBegin t -> TRY_BEGIN;
            case TryEnd t -> TRY_END;
            case Reraise r -> RERAISE;
            case Fail f -> FAIL;
            case Return r -> RETURN;
            case Store st -> STORE;
            case ReturnValue r -> RETURN_VALUE;
        };
    }

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

    /** Pops the top value into a slot (a call's result kept for the expression around it). */
    record Store(int slot) implements Insn {}

    /** {@code pat = value}: the value stays on the stack; a mismatch raises MatchError. */
    record Match(Pat pat, int line) implements Insn {}

    /** A case clause: when the top value matches (and the guard holds) pop it, else jump to {@code fail}. */
    record Test(Pat pat, Ev guard, int fail) implements Insn {}

    /**
     * A function clause: match the argument slots, else jump to {@code fail}. A null pattern always matches (a
     * variable the compiler gave the argument's own slot).
     */
    record MatchArgs(Pat[] pats, Ev guard, int fail) implements Insn {}

    record Jump(int to) implements Insn {}

    /** Pops; jumps when the value is {@code false} or {@code nil}. */
    record JumpIfFalsy(int to) implements Insn {}

    /**
     * Calls a named function with {@code argc} arguments, from the stack, or when {@code args} is not null
     * evaluated straight into the callee's slots (arguments that are pure expressions); {@code tail} reuses the frame.
     */
    record Call(Target target, int argc, boolean tail, Ev[] args) implements Insn {
        Call(Target target, int argc, boolean tail) {
            this(target, argc, tail, null);
        }
    }

    /** Calls the function value below its {@code argc} arguments on the stack. */
    record Apply(int argc, boolean tail, int line) implements Insn {}

    /** {@code apply(module, fun, args)}: three values on the stack. */
    record ApplyMfa(boolean tail) implements Insn {}

    /**
     * {@code receive}: when {@code after >= 0} the timeout is {@code timeout}'s value (a pure expression), or
     * when that is null on the stack.
     */
    record Receive(Pat[] pats, Ev[] guards, int[] bodies, int after, Ev timeout) implements Insn {}

    record TryBegin(int handler) implements Insn {}

    record TryEnd() implements Insn {}

    /** Pops {@code {kind, value, stacktrace}} and raises it again. */
    record Reraise() implements Insn {}

    /** Pops a value and raises an error built from it (no clause matched). */
    record Fail(Atom error, int line) implements Insn {}

    record Return() implements Insn {}

    /** {@code Push(ev)} then {@code Return} in one: returns the value of a pure expression. */
    record ReturnValue(Ev ev) implements Insn {}

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
