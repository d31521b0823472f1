package beamscope.app.theme;

/** Light or dark; both come from the same tokens (dark only redefines them). */
public enum Theme {
    LIGHT, DARK
}
