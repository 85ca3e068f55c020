package org.virtlayer.storage.dir.internal;

import java.nio.file.Path;

/** Pool and volume definitions for the tests. */
final class Xmls {
    private Xmls() {
    }

    static String pool(String name, Object folder) {
        return "<pool type='dir'><name>" + name + "</name><target><path>" + folder + "</path></target></pool>";
    }

    static String pool(String name, Object folder, String mode) {
        return "<pool type='dir'><name>" + name + "</name><target><path>" + folder + "</path><permissions><mode>"
                + mode + "</mode></permissions></target></pool>";
    }

    static String volume(String name, long capacity, String format) {
        return "<volume><name>" + name + "</name><capacity unit='bytes'>" + capacity + "</capacity><target><format"
                + " type='" + format + "'/></target></volume>";
    }

    static String volume(String name, long capacity, long allocation, String format) {
        return "<volume><name>" + name + "</name><capacity unit='bytes'>" + capacity + "</capacity><allocation"
                + " unit='bytes'>" + allocation + "</allocation><target><format type='" + format
                + "'/></target></volume>";
    }

    static String overlay(String name, long capacity, String backing, String backingFormat) {
        return "<volume><name>" + name + "</name><capacity unit='bytes'>" + capacity + "</capacity><target><format"
                + " type='qcow2'/></target><backingStore><path>" + backing + "</path>"
                + (backingFormat == null ? "" : "<format type='" + backingFormat + "'/>") + "</backingStore></volume>";
    }
}
