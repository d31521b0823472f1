package beamscope.elixir;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The little of the JVM class-file format {@link Jit} needs: one class, a constant pool, methods with code and
 * exception tables. Version 49 (Java 5), so the JVM infers types itself and no stack map frames are written;
 * that verifier needs every local a handler reads to be set on every path, which {@link Jit} does up front.
 */
final class ClassFile {
    static final int VERSION = 49;
    static final int ACC_PUBLIC = 0x0001, ACC_STATIC = 0x0008, ACC_FINAL = 0x0010, ACC_SUPER = 0x0020;

    private final ByteArrayOutputStream pool = new ByteArrayOutputStream();
    private final DataOutputStream cp = new DataOutputStream(pool);
    private final Map<String, Integer> entries = new HashMap<>();
    private int poolCount = 1;
    private final int thisClass, superClass;
    private final List<Integer> interfaces = new ArrayList<>();
    private final List<byte[]> methods = new ArrayList<>();

    ClassFile(String name, String superName, String... interfaceNames) {
        thisClass = classRef(name);
        superClass = classRef(superName);
        for (String i : interfaceNames) interfaces.add(classRef(i));
    }

    // ---------------------------------------------------------------- the constant pool

    private int entry(String key, int slots, IoWriter w) {
        Integer at = entries.get(key);
        if (at != null) return at;
        try {
            w.write();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        int index = poolCount;
        poolCount += slots;
        entries.put(key, index);
        return index;
    }

    private interface IoWriter {
        void write() throws IOException;
    }

    int utf8(String s) {
        return entry("U" + s, 1, () -> {
            cp.writeByte(1);
            cp.writeUTF(s);
        });
    }

    int classRef(String internalName) {
        int n = utf8(internalName);
        return entry("C" + internalName, 1, () -> {
            cp.writeByte(7);
            cp.writeShort(n);
        });
    }

    int longConst(long v) {
        return entry("J" + v, 2, () -> {
            cp.writeByte(5);
            cp.writeLong(v);
        });
    }

    private int nameAndType(String name, String desc) {
        int n = utf8(name), d = utf8(desc);
        return entry("N" + name + ":" + desc, 1, () -> {
            cp.writeByte(12);
            cp.writeShort(n);
            cp.writeShort(d);
        });
    }

    private int member(int tag, String owner, String name, String desc) {
        int c = classRef(owner), nt = nameAndType(name, desc);
        return entry(tag + owner + "." + name + ":" + desc, 1, () -> {
            cp.writeByte(tag);
            cp.writeShort(c);
            cp.writeShort(nt);
        });
    }

    int fieldRef(String owner, String name, String desc) {
        return member(9, owner, name, desc);
    }

    int methodRef(String owner, String name, String desc) {
        return member(10, owner, name, desc);
    }

    int interfaceMethodRef(String owner, String name, String desc) {
        return member(11, owner, name, desc);
    }

    // ---------------------------------------------------------------- methods

    /** A method's code, written instruction by instruction; jumps go to labels, placed before or after. */
    final class Code {
        private byte[] b = new byte[256];
        private int n;
        private final List<int[]> fixups = new ArrayList<>(); // {at, from, label}
        private final List<Integer> labels = new ArrayList<>();
        private final List<int[]> handlers = new ArrayList<>(); // {start, end, handler, type}

        int newLabel() {
            labels.add(-1);
            return labels.size() - 1;
        }

        void place(int label) {
            labels.set(label, n);
        }

        int position() {
            return n;
        }

        void op(int opcode) {
            u1(opcode);
        }

        void u1(int v) {
            if (n == b.length) b = java.util.Arrays.copyOf(b, n * 2);
            b[n++] = (byte) v;
        }

        void u2(int v) {
            u1(v >>> 8);
            u1(v);
        }

        /** A jump ({@code goto} or an {@code if}) to a label. */
        void jump(int opcode, int label) {
            int from = n;
            u1(opcode);
            fixups.add(new int[] {n, from, label});
            u2(0);
        }

        void iconst(int v) {
            if (v >= -1 && v <= 5) op(0x03 + v);
            else if (v >= -128 && v <= 127) {
                op(0x10);
                u1(v);
            } else if (v >= -32768 && v <= 32767) {
                op(0x11);
                u2(v);
            } else throw new IllegalArgumentException("constant too large: " + v);
        }

        void lconst(long v) {
            if (v == 0 || v == 1) op(0x09 + (int) v);
            else {
                op(0x14); // ldc2_w
                u2(longConst(v));
            }
        }

        void local(int opcode, int index) {
            if (index > 255) throw new IllegalArgumentException("local " + index + " needs wide");
            u1(opcode);
            u1(index);
        }

        void ref(int opcode, int poolIndex) {
            u1(opcode);
            u2(poolIndex);
        }

        void invokeInterface(int poolIndex, int argWords) {
            u1(0xb9);
            u2(poolIndex);
            u1(argWords + 1);
            u1(0);
        }

        /** A tableswitch on the int on the stack: cases 0..targets.length-1. */
        void tableSwitch(int defaultLabel, int[] targets) {
            int from = n;
            u1(0xaa);
            while (n % 4 != 0) u1(0);
            fixups.add(new int[] {n, from, defaultLabel, 4});
            u2(0);
            u2(0);
            u2(0);
            u2(0);
            u2(targets.length - 1 >>> 16);
            u2(targets.length - 1);
            for (int t : targets) {
                fixups.add(new int[] {n, from, t, 4});
                u2(0);
                u2(0);
            }
        }

        void handler(int start, int end, int handler, String type) {
            handlers.add(new int[] {start, end, handler, classRef(type)});
        }

        private byte[] resolve() {
            for (int[] f : fixups) {
                int target = labels.get(f[2]);
                if (target < 0) throw new IllegalStateException("label never placed");
                int off = target - f[1];
                if (f.length == 4) {
                    b[f[0]] = (byte) (off >>> 24);
                    b[f[0] + 1] = (byte) (off >>> 16);
                    b[f[0] + 2] = (byte) (off >>> 8);
                    b[f[0] + 3] = (byte) off;
                } else {
                    if (off < Short.MIN_VALUE || off > Short.MAX_VALUE) throw new IllegalStateException("method too long");
                    b[f[0]] = (byte) (off >>> 8);
                    b[f[0] + 1] = (byte) off;
                }
            }
            return java.util.Arrays.copyOf(b, n);
        }
    }

    /** Adds a method whose body is {@code code}. */
    void method(int access, String name, String desc, Code code, int maxStack, int maxLocals) {
        int nameIndex = utf8(name), descIndex = utf8(desc), codeAttr = utf8("Code");
        byte[] body = code.resolve();
        if (body.length > 65535) throw new IllegalStateException("method too long");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeShort(access);
            out.writeShort(nameIndex);
            out.writeShort(descIndex);
            out.writeShort(1);
            out.writeShort(codeAttr);
            out.writeInt(2 + 2 + 4 + body.length + 2 + 8 * code.handlers.size() + 2);
            out.writeShort(maxStack);
            out.writeShort(maxLocals);
            out.writeInt(body.length);
            out.write(body);
            out.writeShort(code.handlers.size());
            for (int[] h : code.handlers) {
                out.writeShort(code.labels.get(h[0]));
                out.writeShort(code.labels.get(h[1]));
                out.writeShort(code.labels.get(h[2]));
                out.writeShort(h[3]);
            }
            out.writeShort(0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        methods.add(bytes.toByteArray());
    }

    byte[] toBytes() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(0xCAFEBABE);
            out.writeShort(0);
            out.writeShort(VERSION);
            out.writeShort(poolCount);
            out.write(pool.toByteArray());
            out.writeShort(ACC_PUBLIC | ACC_FINAL | ACC_SUPER);
            out.writeShort(thisClass);
            out.writeShort(superClass);
            out.writeShort(interfaces.size());
            for (int i : interfaces) out.writeShort(i);
            out.writeShort(0); // fields
            out.writeShort(methods.size());
            for (byte[] m : methods) out.write(m);
            out.writeShort(0); // attributes
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return bytes.toByteArray();
    }
}
