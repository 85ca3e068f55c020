package org.virtlayer.core.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** The core's settings, PID {@code org.virtlayer.core} ({@code etc/org.virtlayer.core.cfg} in Karaf). */
@ObjectClassDefinition(name = "virtlayer core", description = "Timeouts and folders of the virtlayer core")
public @interface CoreConfig {
    @AttributeDefinition(description = "Seconds a query or small change into a driver that may block can take"
            + " before the caller gets OPERATION_TIMEOUT (0: no limit)")
    long quickCallTimeoutSeconds() default 60;

    @AttributeDefinition(description = "Seconds a start, stop or device change can take (0: no limit)")
    long lifecycleCallTimeoutSeconds() default 300;

    @AttributeDefinition(description = "Seconds a save, restore, upload or build can take (0: no limit)")
    long longCallTimeoutSeconds() default 0;

    @AttributeDefinition(description = "Seconds a caller waits for a domain's job lock before OPERATION_TIMEOUT")
    long jobLockTimeoutSeconds() default 30;

    @AttributeDefinition(description = "Folder for persistent state (definitions); empty: /var/lib/virtlayer, or"
            + " ~/.local/share/virtlayer when that is not writable")
    String stateDirectory() default "";

    @AttributeDefinition(description = "Folder for runtime state (pid files, sockets); empty: /run/virtlayer, or"
            + " $XDG_RUNTIME_DIR/virtlayer when that is not writable")
    String runtimeDirectory() default "";
}
