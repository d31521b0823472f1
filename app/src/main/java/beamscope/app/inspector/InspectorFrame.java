package beamscope.app.inspector;

import beamscope.runtime.ProcessInfo;
import beamscope.runtime.Terms;
import java.util.List;
import java.util.Optional;

/**
 * The inspector's part of a sampler frame, made off the FX thread: process_info's fields and the mailbox's first
 * messages already formatted, links and monitors already cut to a page. The FX thread only compares and binds it.
 *
 * @param fields      process_info, one line each (empty for a dead process)
 * @param mailbox     the first messages (the sampler peeks at most 100), in inspect syntax
 * @param links       a page of the links
 * @param monitors    a page of the processes (or names) it monitors
 * @param monitoredBy a page of the processes that monitor it
 */
public record InspectorFrame(List<InspectorViewModel.Field> fields, List<String> mailbox, PidLinks links,
                             PidLinks monitors, PidLinks monitoredBy) {

    public static final InspectorFrame NONE = new InspectorFrame(List.of(), List.of(), PidLinks.NONE, PidLinks.NONE,
            PidLinks.NONE);

    /**
     * The inspector's view of {@code info}; a dead process (empty) shows nothing of these. {@code recorded}: the info
     * is a recording's past, which does not hold priority, trap_exit or current behaviour (shown unknown).
     */
    public static InspectorFrame of(Optional<ProcessInfo> info, boolean recorded) {
        if (info.isEmpty()) return NONE;
        ProcessInfo i = info.get();
        return new InspectorFrame(List.copyOf(InspectorViewModel.fieldsOf(i, recorded)),
                i.messages().stream().map(m -> Terms.inspect(m, 400)).toList(),
                PidLinks.of(i.links(), i.linkCount()), PidLinks.of(i.monitors(), i.monitorCount()),
                PidLinks.of(i.monitoredBy(), i.monitoredByCount()));
    }
}
