package org.virtlayer.shell.internal.command.storage;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.virtlayer.shell.internal.storage.PoolLifecycle;

/** virsh's {@code pool-define-as}. */
@Command(scope = "virt", name = "pool-define-as", description = "Defines (but does not start) a pool described by"
        + " options: virt:pool-define-as --target /var/lib/images images dir")
@Service
public class PoolDefineAsCommand extends PoolAsCommandSupport {
    @Override
    protected void run() {
        print(printXml ? pool().xml() : new PoolLifecycle(connection()).defineAs(pool()));
    }
}
