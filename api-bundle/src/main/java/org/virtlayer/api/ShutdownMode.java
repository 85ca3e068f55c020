package org.virtlayer.api;

/**
 * How to ask a guest to stop or reboot, libvirt's {@code VIR_DOMAIN_SHUTDOWN_*}. None given: the driver's default
 * (ACPI for QEMU, a signal to init for containers).
 */
public enum ShutdownMode {
    ACPI_POWER_BTN, GUEST_AGENT, INITCTL, SIGNAL, PARAVIRT
}
