package dev.homeostat.testbed.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;

/** I/O failures in words for one line of a message: the operating system's reason, never an exception's class name. */
final class IoText {
    private IoText() { }

    static String reason(IOException e) {
        return switch (e) {
            case NoSuchFileException n -> "no such file or folder: " + n.getFile();
            case AccessDeniedException a -> "permission denied: " + a.getFile();
            case NotDirectoryException n -> "not a folder: " + n.getFile();
            case FileAlreadyExistsException f -> "in the way: " + f.getFile();
            case FileSystemException f -> (f.getFile() == null ? "" : f.getFile() + ": ") + (f.getReason() == null ? "I/O error" : f.getReason());
            case CharacterCodingException c -> "not UTF-8 text";
            default -> plain(e.getMessage());
        };
    }

    /** The message of an I/O failure that ended a command (exit 3). */
    static String describe(UncheckedIOException e) {
        String m = e.getMessage();
        if (m == null || m.contains("Exception")) return "I/O error: " + reason(e.getCause());
        return plain(m);
    }

    private static String plain(String m) {
        if (m == null || m.contains("Exception")) return "I/O error";
        return m.strip().replaceAll("\\s*\\R\\s*", " ");
    }
}
