package beamscope.app.lessons;

import javafx.scene.control.Control;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;

/**
 * The Lessons menu: one submenu per {@link Tutorial} part, titled with its subject, holding that part's lessons
 * (each item's id {@code lesson-<id>}, each submenu's {@code lessons-<part>}, e.g. {@code lessons-secret-agent}), so the menu stays
 * shorter than a 1024×768 screen.
 */
public final class LessonsMenu {
    private LessonsMenu() {}

    /** A menu that opens its lessons through {@code vm}. */
    public static MenuButton of(LessonsViewModel vm) {
        MenuButton menu = new MenuButton("Lessons");
        menu.setId("lessonsMenu");
        menu.setFocusTraversable(false);
        menu.getStyleClass().add("lessons-menu");
        menu.setMinWidth(Control.USE_PREF_SIZE);
        for (Tutorial t : Tutorial.values()) {
            Menu sub = new Menu(t.subject());
            sub.setId("lessons-" + t.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'));
            sub.setMnemonicParsing(false);
            for (Lesson l : t.lessons()) {
                if (!vm.lessons().contains(l)) continue;
                MenuItem item = new MenuItem(label(l));
                item.setId("lesson-" + l.id());
                item.setMnemonicParsing(false);
                item.setOnAction(e -> vm.open(l));
                sub.getItems().add(item);
            }
            if (!sub.getItems().isEmpty()) menu.getItems().add(sub);
        }
        return menu;
    }

    /** An item's text: the lesson's title and its id. */
    public static String label(Lesson l) {
        return l.title() + "  (" + l.id() + ")";
    }
}
