package org.virtlayer.shell.internal.format;

/**
 * A block of {@code label value} lines, the labels padded to one width, as virsh prints {@code dominfo} (width 15)
 * and {@code nodeinfo} (width 20).
 */
public final class KeyValueBlock {
    private final int labelWidth;
    private final StringBuilder text = new StringBuilder();

    public KeyValueBlock(int labelWidth) {
        this.labelWidth = labelWidth;
    }

    public KeyValueBlock add(String label, Object value) {
        text.append(String.format("%-" + labelWidth + "s %s", label, value)).append('\n');
        return this;
    }

    /** The lines, each ended by a newline. */
    @Override
    public String toString() {
        return text.toString();
    }
}
