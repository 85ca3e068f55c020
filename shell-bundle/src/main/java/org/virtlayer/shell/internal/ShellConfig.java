package org.virtlayer.shell.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** The console's settings, PID {@code org.virtlayer.shell} ({@code etc/org.virtlayer.shell.cfg} in Karaf). */
@ObjectClassDefinition(name = "virtlayer console", description = "Settings of the virt: console commands")
public @interface ShellConfig {
    @AttributeDefinition(description = "Connection URI the virt: commands use unless virt:connect or -c chose another")
    String uri() default "test:///default";
}
