package beamscope.record;

import beamscope.runtime.Atom;
import beamscope.runtime.Event;
import beamscope.runtime.Pid;
import beamscope.runtime.ProcessStatus;
import beamscope.runtime.SchedulerSnapshot;
import beamscope.runtime.Ref;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The recording file format (big-endian, as {@link DataOutputStream} writes):
 * <pre>
 * file     = magic "BSCOPREC" (8 bytes), u16 version (4), i32 mailboxCap, i64 eventsDropped, record*, end
 * record   = u8 'E' event | u8 'S' snapshot | u8 'F' pid, str strategy, i32 intensity, i32 period (a supervisor's flags)
 *          | u8 'L' lanes                                                          (version 2)
 * end      = u8 'Z', i32 event count, i32 snapshot count      (a file without it was cut short)
 * event    = u8 kind, i64 nanos, pid, fields of that kind (see {@link #writeEvent})
 * snapshot = i64 nanos, then in version 3: i64 since (when its read began; nanos is when it ended),
 *            i32 n, process*n, i32 m, supervisor*m
 * process  = pid, str name, str initialCall, pid parent, i32 queueLen, i32 k, str message*k,
 *            then in version 2: i8 status (-1 unknown, else RUNNING, RUNNABLE, WAITING, EXITING, SUSPENDED from 0),
 *            i64 reductions (-1 unknown), i32 j (-1 unknown), pid link*j, i32 h (-1 unknown), str monitor*h,
 *            then in version 4: i8 priority (-1 unknown, else LOW, NORMAL, HIGH, MAX from 0),
 *            i8 trap exit (-1 unknown, 0 false, 1 true)
 * lanes    = i64 nanos, i32 n, scheduler*n, i32 d, scheduler*d (the dirty ones)
 * scheduler = i32 id, pid running, i32 max, i32 high, i32 normal, i32 low (run queues), i64 activeNanos,
 *            i64 totalNanos, i64 contextSwitches, i64 reductions, bool longSchedule
 * supervisor = pid, bool dynamic, i32 k, (str id, pid, str restart)*k
 * pid      = i32 node (-1 for none), i64 id
 * str      = i32 byte length, UTF-8 bytes;  term = str (Elixir syntax, as Terms.inspect prints it)
 * </pre>
 * Terms are read back with {@link beamscope.runtime.Terms#parse}; one whose text does not parse becomes a {@link RecordedTerm}.
 */
public final class RecordingFile {
    private RecordingFile() {}

    public static final int VERSION = 4;
    /** The oldest version this build reads: version 1 has no scheduler samples, statuses, reductions, links or monitors. */
    public static final int OLDEST = 1;
    static final byte[] MAGIC = "BSCOPREC".getBytes(StandardCharsets.US_ASCII);
    static final int MAX_STRING = 16 << 20;

    private static final List<Class<? extends Event>> KINDS = List.of(Event.Spawn.class, Event.Exit.class, Event.Link.class,
            Event.Unlink.class, Event.Monitor.class, Event.Down.class, Event.Send.class, Event.Receive.class,
            Event.Register.class, Event.Unregister.class, Event.ScheduleIn.class, Event.ScheduleOut.class,
            Event.Report.class, Event.SystemMonitor.class);

    public static void save(Recording r, Path file) throws IOException {
        try (OutputStream os = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
            write(r, os);
        }
    }

    public static void write(Recording r, OutputStream os) throws IOException {
        DataOutputStream out = new DataOutputStream(os);
        out.write(MAGIC);
        out.writeShort(VERSION);
        out.writeInt(r.mailboxCap());
        out.writeLong(r.eventsDropped());
        for (RecordedSnapshot s : r.snapshots()) {
            out.writeByte('S');
            writeSnapshot(out, s);
        }
        for (Map.Entry<Pid, RecordedFlags> f : r.flags().entrySet()) {
            out.writeByte('F');
            writePid(out, f.getKey());
            writeString(out, f.getValue().strategy());
            out.writeInt(f.getValue().intensity());
            out.writeInt(f.getValue().period());
        }
        for (SchedulerSample l : r.schedulerSamples()) {
            out.writeByte('L');
            writeLanes(out, l);
        }
        for (Event e : r.events()) {
            out.writeByte('E');
            writeEvent(out, e);
        }
        out.writeByte('Z');
        out.writeInt(r.events().size());
        out.writeInt(r.snapshots().size());
        out.flush();
    }

    public static Recording load(Path file) throws RecordingFormatException {
        try (InputStream is = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            return read(is);
        } catch (IOException e) {
            throw new RecordingFormatException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    public static Recording read(InputStream is) throws RecordingFormatException, IOException {
        DataInputStream in = new DataInputStream(is);
        byte[] magic = new byte[MAGIC.length];
        int got = in.readNBytes(magic, 0, magic.length);
        if (got < magic.length || !Arrays.equals(magic, MAGIC))
            throw new RecordingFormatException("not a Beamscope recording (it does not start with BSCOPREC)");
        try {
            int version = in.readUnsignedShort();
            if (version < OLDEST || version > VERSION)
                throw new RecordingFormatException("recording format version " + version + " is not supported (this Beamscope reads versions "
                        + OLDEST + " to " + VERSION + ")");
            int cap = in.readInt();
            long dropped = in.readLong();
            List<Event> events = new ArrayList<>();
            List<RecordedSnapshot> snapshots = new ArrayList<>();
            Map<String, Object> terms = new HashMap<>();
            Map<Pid, RecordedFlags> flags = new HashMap<>();
            List<SchedulerSample> lanes = new ArrayList<>();
            while (true) {
                int tag = in.readUnsignedByte();
                switch (tag) {
                    case 'E' -> events.add(readEvent(in, terms, events.size()));
                    case 'S' -> snapshots.add(readSnapshot(in, version));
                    case 'L' -> {
                        if (version < 2) throw new RecordingFormatException("corrupt recording: scheduler lanes in a version 1 file");
                        lanes.add(readLanes(in));
                    }
                    case 'F' -> {
                        Pid pid = readPid(in);
                        RecordedFlags f = new RecordedFlags(readString(in), in.readInt(), in.readInt());
                        if (pid != null) flags.put(pid, f);
                    }
                    case 'Z' -> {
                        int ne = in.readInt(), ns = in.readInt();
                        if (ne != events.size() || ns != snapshots.size())
                            throw new RecordingFormatException("corrupt recording: its end says " + ne + " events and " + ns
                                    + " snapshots, the file holds " + events.size() + " and " + snapshots.size());
                        return new Recording(version, cap, dropped, events, snapshots, flags, lanes);
                    }
                    default -> throw new RecordingFormatException("corrupt recording: unknown record type " + tag + " after "
                            + events.size() + " events");
                }
            }
        } catch (EOFException e) {
            throw new RecordingFormatException("corrupt recording: the file ends in the middle (cut short?)", e);
        } catch (RuntimeException e) {
            throw new RecordingFormatException("corrupt recording: " + e, e);
        }
    }

    /**
     * Per kind after {@code u8 kind, i64 nanos, pid}: Spawn pid parent, str initialCall; Exit term reason; Link/Unlink
     * pid other; Monitor pid target, ref; Down term object, ref, term reason; Send pid to, term message; Receive term
     * message; Register/Unregister str name; ScheduleIn/ScheduleOut i32 scheduler; Report/SystemMonitor str kind
     * (an atom's name), term details. A ref is i32 node, i64 id.
     */
    static void writeEvent(DataOutputStream out, Event e) throws IOException {
        out.writeByte(KINDS.indexOf(e.getClass()));
        out.writeLong(e.nanos());
        writePid(out, e.pid());
        switch (e) {
            case Event.Spawn s -> { writePid(out, s.parent()); writeString(out, s.initialCall()); }
            case Event.Exit x -> writeTerm(out, x.reason());
            case Event.Link l -> writePid(out, l.other());
            case Event.Unlink l -> writePid(out, l.other());
            case Event.Monitor m -> { writePid(out, m.target()); writeRef(out, m.ref()); }
            case Event.Down d -> { writeTerm(out, d.object()); writeRef(out, d.ref()); writeTerm(out, d.reason()); }
            case Event.Send s -> { writePid(out, s.to()); writeTerm(out, s.message()); }
            case Event.Receive r -> writeTerm(out, r.message());
            case Event.Register r -> writeString(out, r.name());
            case Event.Unregister r -> writeString(out, r.name());
            case Event.ScheduleIn s -> out.writeInt(s.scheduler());
            case Event.ScheduleOut s -> out.writeInt(s.scheduler());
            case Event.Report r -> { writeString(out, r.kind().name()); writeTerm(out, r.details()); }
            case Event.SystemMonitor m -> { writeString(out, m.kind().name()); writeTerm(out, m.details()); }
        }
    }

    static Event readEvent(DataInputStream in, Map<String, Object> terms, int index) throws IOException, RecordingFormatException {
        int kind = in.readUnsignedByte();
        if (kind >= KINDS.size())
            throw new RecordingFormatException("corrupt recording: event " + index + " has unknown kind " + kind);
        long t = in.readLong();
        Pid pid = readPid(in);
        return switch (kind) {
            case 0 -> new Event.Spawn(t, pid, readPid(in), readString(in));
            case 1 -> new Event.Exit(t, pid, readTerm(in, terms));
            case 2 -> new Event.Link(t, pid, readPid(in));
            case 3 -> new Event.Unlink(t, pid, readPid(in));
            case 4 -> new Event.Monitor(t, pid, readPid(in), readRef(in));
            case 5 -> new Event.Down(t, pid, readTerm(in, terms), readRef(in), readTerm(in, terms));
            case 6 -> new Event.Send(t, pid, readPid(in), readTerm(in, terms));
            case 7 -> new Event.Receive(t, pid, readTerm(in, terms));
            case 8 -> new Event.Register(t, pid, readString(in));
            case 9 -> new Event.Unregister(t, pid, readString(in));
            case 10 -> new Event.ScheduleIn(t, pid, in.readInt());
            case 11 -> new Event.ScheduleOut(t, pid, in.readInt());
            case 12 -> new Event.Report(t, pid, Atom.of(readString(in)), readTerm(in, terms));
            default -> new Event.SystemMonitor(t, pid, Atom.of(readString(in)), readTerm(in, terms));
        };
    }

    static void writeSnapshot(DataOutputStream out, RecordedSnapshot s) throws IOException {
        out.writeLong(s.nanos());
        out.writeLong(s.since());
        out.writeInt(s.processes().size());
        for (RecordedProcess p : s.processes().values()) {
            writePid(out, p.pid());
            writeString(out, p.registeredName());
            writeString(out, p.initialCall());
            writePid(out, p.parent());
            out.writeInt(p.queueLen());
            out.writeInt(p.messages().size());
            for (String m : p.messages()) writeString(out, m);
            out.writeByte(p.status() == null ? -1 : p.status().ordinal());
            out.writeLong(p.reductions());
            out.writeInt(p.links() == null ? -1 : p.links().size());
            if (p.links() != null) for (Pid l : p.links()) writePid(out, l);
            out.writeInt(p.monitors() == null ? -1 : p.monitors().size());
            if (p.monitors() != null) for (String m : p.monitors()) writeString(out, m);
            out.writeByte(p.priority() == null ? -1 : p.priority().ordinal());
            out.writeByte(p.trapExit() == null ? -1 : p.trapExit() ? 1 : 0);
        }
        out.writeInt(s.supervisors().size());
        for (RecordedSupervisor v : s.supervisors().values()) {
            writePid(out, v.pid());
            out.writeBoolean(v.dynamic());
            out.writeInt(v.children().size());
            for (RecordedChild c : v.children()) {
                writeString(out, c.id());
                writePid(out, c.pid());
                writeString(out, c.restart());
            }
        }
    }

    static RecordedSnapshot readSnapshot(DataInputStream in, int version) throws IOException, RecordingFormatException {
        long t = in.readLong();
        long since = version < 3 ? t : in.readLong();
        if (since > t) throw new RecordingFormatException("corrupt recording: a snapshot read from " + since + " to " + t);
        int n = count(in);
        Map<Pid, RecordedProcess> procs = new HashMap<>();
        for (int i = 0; i < n; i++) {
            Pid pid = readPid(in);
            String name = readString(in), initialCall = readString(in);
            Pid parent = readPid(in);
            int len = in.readInt();
            int k = count(in);
            List<String> messages = new ArrayList<>(k);
            for (int j = 0; j < k; j++) messages.add(readString(in));
            if (version < 2) {
                procs.put(pid, new RecordedProcess(pid, name, initialCall, parent, len, messages));
                continue;
            }
            int st = in.readByte();
            if (st < -1 || st >= STATUSES.length) throw new RecordingFormatException("corrupt recording: a process status " + st);
            long reductions = in.readLong();
            List<Pid> links = null;
            int j = optionalCount(in);
            if (j >= 0) {
                links = new ArrayList<>(j);
                for (int x = 0; x < j; x++) links.add(readPid(in));
            }
            List<String> monitors = null;
            int h = optionalCount(in);
            if (h >= 0) {
                monitors = new ArrayList<>(h);
                for (int x = 0; x < h; x++) monitors.add(readString(in));
            }
            beamscope.runtime.Priority priority = null;
            Boolean trapExit = null;
            if (version >= 4) {
                int pr = in.readByte(), tx = in.readByte();
                if (pr < -1 || pr >= PRIORITIES.length) throw new RecordingFormatException("corrupt recording: a process priority " + pr);
                if (tx < -1 || tx > 1) throw new RecordingFormatException("corrupt recording: a trap exit flag " + tx);
                priority = pr < 0 ? null : PRIORITIES[pr];
                trapExit = tx < 0 ? null : tx == 1;
            }
            procs.put(pid, new RecordedProcess(pid, name, initialCall, parent, len, messages, st < 0 ? null : STATUSES[st], reductions,
                    links, monitors, priority, trapExit));
        }
        int m = count(in);
        Map<Pid, RecordedSupervisor> sups = new HashMap<>();
        for (int i = 0; i < m; i++) {
            Pid pid = readPid(in);
            boolean dynamic = in.readBoolean();
            int k = count(in);
            List<RecordedChild> kids = new ArrayList<>(k);
            for (int j = 0; j < k; j++) kids.add(new RecordedChild(readString(in), readPid(in), readString(in)));
            sups.put(pid, new RecordedSupervisor(pid, dynamic, kids));
        }
        return new RecordedSnapshot(t, since, procs, sups);
    }

    private static final ProcessStatus[] STATUSES = ProcessStatus.values();
    private static final beamscope.runtime.Priority[] PRIORITIES = beamscope.runtime.Priority.values();

    /** A count, or -1 for "unknown". */
    private static int optionalCount(DataInputStream in) throws IOException, RecordingFormatException {
        int n = in.readInt();
        if (n < -1 || n > 50_000_000) throw new RecordingFormatException("corrupt recording: a count of " + n);
        return n;
    }

    static void writeLanes(DataOutputStream out, SchedulerSample l) throws IOException {
        out.writeLong(l.nanos());
        for (List<SchedulerSnapshot> list : List.of(l.schedulers(), l.dirtySchedulers())) {
            out.writeInt(list.size());
            for (SchedulerSnapshot s : list) {
                out.writeInt(s.id());
                writePid(out, s.running());
                out.writeInt(s.maxQueue());
                out.writeInt(s.highQueue());
                out.writeInt(s.normalQueue());
                out.writeInt(s.lowQueue());
                out.writeLong(s.activeNanos());
                out.writeLong(s.totalNanos());
                out.writeLong(s.contextSwitches());
                out.writeLong(s.reductions());
                out.writeBoolean(s.longSchedule());
            }
        }
    }

    static SchedulerSample readLanes(DataInputStream in) throws IOException, RecordingFormatException {
        long t = in.readLong();
        List<List<SchedulerSnapshot>> both = new ArrayList<>(2);
        for (int k = 0; k < 2; k++) {
            boolean dirty = k == 1;
            int n = count(in);
            List<SchedulerSnapshot> list = new ArrayList<>(Math.min(n, 1024));
            for (int i = 0; i < n; i++)
                list.add(new SchedulerSnapshot(in.readInt(), readPid(in), in.readInt(), in.readInt(), in.readInt(), in.readInt(),
                        in.readLong(), in.readLong(), in.readLong(), in.readLong(), dirty, in.readBoolean()));
            both.add(list);
        }
        return new SchedulerSample(t, both.get(0), both.get(1));
    }

    private static int count(DataInputStream in) throws IOException, RecordingFormatException {
        int n = in.readInt();
        if (n < 0 || n > 50_000_000) throw new RecordingFormatException("corrupt recording: a count of " + n);
        return n;
    }

    private static void writePid(DataOutputStream out, Pid p) throws IOException {
        out.writeInt(p == null ? -1 : p.node());
        out.writeLong(p == null ? 0 : p.id());
    }

    private static Pid readPid(DataInputStream in) throws IOException {
        int node = in.readInt();
        long id = in.readLong();
        return node < 0 ? null : new Pid(node, id);
    }

    private static void writeRef(DataOutputStream out, Ref r) throws IOException {
        out.writeInt(r == null ? -1 : r.node());
        out.writeLong(r == null ? 0 : r.id());
    }

    private static Ref readRef(DataInputStream in) throws IOException {
        int node = in.readInt();
        long id = in.readLong();
        return node < 0 ? null : new Ref(node, id);
    }

    private static void writeString(DataOutputStream out, String s) throws IOException {
        byte[] b = (s == null ? "" : s).getBytes(StandardCharsets.UTF_8);
        out.writeInt(b.length);
        out.write(b);
    }

    private static String readString(DataInputStream in) throws IOException, RecordingFormatException {
        int n = in.readInt();
        if (n < 0 || n > MAX_STRING) throw new RecordingFormatException("corrupt recording: a string of " + n + " bytes");
        return new String(in.readNBytes(n), StandardCharsets.UTF_8);
    }

    private static void writeTerm(DataOutputStream out, Object term) throws IOException {
        writeString(out, RecordedSnapshot.text(term));
    }

    /** The term the text prints; the same text read twice gives the same term object (a file repeats messages). */
    private static Object readTerm(DataInputStream in, Map<String, Object> terms) throws IOException, RecordingFormatException {
        String text = readString(in);
        Object t = terms.get(text);
        if (t != null) return t;
        t = RecordedTerm.parse(text);
        if (terms.size() < 100_000) terms.put(text, t);
        return t;
    }
}
