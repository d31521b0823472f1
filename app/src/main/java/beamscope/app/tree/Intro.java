package beamscope.app.tree;

import java.util.prefs.Preferences;

/**
 * Whether the tree opens with its "what am I looking at" card: until the user dismisses it once, which is
 * remembered in the user's Java preferences. {@code -Dbeamscope.intro=on|off} overrides the preference
 * (a kiosk or a test that wants a known layout).
 */
final class Intro {
    static final String PROPERTY = "beamscope.intro";
    private static final String KEY = "treeIntroDismissed";

    private Intro() {}

    /** Whether the card should show when a window opens. */
    static boolean wanted() {
        String forced = System.getProperty(PROPERTY, "");
        if (forced.equalsIgnoreCase("on")) return true;
        if (forced.equalsIgnoreCase("off")) return false;
        try {
            return !prefs().getBoolean(KEY, false);
        } catch (RuntimeException unreadable) { // no preference store (a read-only home): show it
            return true;
        }
    }

    /** Remembers that the user dismissed it; unless a property decides, it will not show again. */
    static void dismissed() {
        if (!System.getProperty(PROPERTY, "").isEmpty()) return; // decided from outside: nothing to remember
        try {
            prefs().putBoolean(KEY, true);
        } catch (RuntimeException unwritable) {
            // no preference store: it shows again next time, which is harmless
        }
    }

    private static Preferences prefs() {
        return Preferences.userNodeForPackage(Intro.class);
    }
}
