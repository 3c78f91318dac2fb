package org.losslab.lesson;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;

/**
 * The recently opened or saved session files, newest first, at most {@link #MAX}. Kept in a small JSON file (a list
 * of paths) whose location is given, so that tests never touch the user's home; {@link #inMemory()} keeps nothing.
 * A missing or unreadable list file counts as empty.
 */
public final class RecentFiles {
    /** How many files are remembered. */
    public static final int MAX = 8;
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final Path store;
    private final List<Path> files = new ArrayList<>();

    /** A list kept in {@code store} (read now, written on every change); null keeps it in memory only. */
    public RecentFiles(Path store) {
        this.store = store;
        if (store != null && Files.isRegularFile(store)) {
            try {
                List<String> names = MAPPER.readValue(store.toFile(), new TypeReference<List<String>>() { });
                for (String n : names) {
                    if (n != null && files.size() < MAX) {
                        files.add(Paths.get(n));
                    }
                }
            } catch (IOException | RuntimeException e) {
                files.clear();
            }
        }
    }

    /** A list that is not saved anywhere. */
    public static RecentFiles inMemory() {
        return new RecentFiles(null);
    }

    /**
     * The user's list: {@code $XDG_CONFIG_HOME/losslab/recent.json}, or {@code ~/.config/losslab/recent.json}.
     */
    public static RecentFiles userDefault() {
        String xdg = System.getenv("XDG_CONFIG_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Paths.get(xdg)
                : Paths.get(System.getProperty("user.home"), ".config");
        return new RecentFiles(base.resolve("losslab").resolve("recent.json"));
    }

    /** The files, newest first. */
    public List<Path> list() {
        return List.copyOf(files);
    }

    /** Puts a file at the top of the list (moving it if it was there already). */
    public void add(Path file) {
        Path abs = file.toAbsolutePath().normalize();
        files.remove(abs);
        files.add(0, abs);
        while (files.size() > MAX) {
            files.remove(files.size() - 1);
        }
        persist();
    }

    /** Forgets a file (for example one that no longer opens). */
    public void remove(Path file) {
        if (files.remove(file.toAbsolutePath().normalize())) {
            persist();
        }
    }

    private void persist() {
        if (store == null) {
            return;
        }
        List<String> names = new ArrayList<>();
        for (Path p : files) {
            names.add(p.toString());
        }
        try {
            byte[] bytes = MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(names);
            AtomicFiles.write(store, out -> out.write(bytes));
        } catch (IOException e) {
            // The list is a convenience: failing to keep it must not stop a save or an open.
        }
    }
}
