package org.gantry.scheduler.control.service;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executor;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.DispatcherSelector;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.gantry.api.service.ApiServices;
import org.gantry.scheduler.control.JobGateway;
import org.gantry.scheduler.control.job.FreshJobs;
import org.gantry.scheduler.control.SchedulerCommand;
import org.gantry.scheduler.control.ServingDirectory;
import org.gantry.scheduler.control.SubmitGate;
import org.gantry.scheduler.control.dataset.DatasetTable;
import org.gantry.scheduler.control.model.ModelTable;
import org.gantry.scheduler.control.projection.ProjectionProgress;
import org.gantry.scheduler.control.secret.SecretSeal;
import org.gantry.scheduler.control.tenant.TenantCommand;
import org.gantry.scheduler.control.usage.UsageReport;
import org.gantry.storage.audit.AuditTable;
import org.gantry.storage.tables.Tables;
import org.gantry.storage.usage.UsageTable;

/** Wires the services the REST routes are built on to one control plane. */
public final class ControlServices {
    private ControlServices() {}

    /** {@code freshJobs}: where keyless submits write their first event, or null (through the entity). */
    public static ApiServices create(ActorSystem<?> system, JobGateway entities, FreshJobs freshJobs,
                                     ActorRef<SchedulerCommand> scheduler, SubmitGate submitGate,
                                     ActorRef<TenantCommand> directory, ProjectionProgress jobTable,
                                     ModelTable models, DatasetTable datasets, ServingDirectory servingDirectory,
                                     UsageTable usage, String readJournal, String adminToken, SecretSeal seal,
                                     Duration askTimeout) {
        Asking asking = new Asking(system, askTimeout);
        JobEvents events = new JobEvents(system, readJournal);
        Executor blocking = system.dispatchers().lookup(DispatcherSelector.blocking());
        JobListing listing = new JobListing(jobTable, blocking, askTimeout);
        ControlJobService jobs = new ControlJobService(entities, freshJobs, scheduler, submitGate, events, listing, asking,
                new DatasetRequirement(datasets, blocking), seal, JournalSpace.of(system));
        return new ApiServices(jobs, new ControlTenantService(directory, scheduler, asking,
                        new UsageReport(usage), blocking),
                new ControlClusterService(scheduler, asking),
                new ControlLogService(system, jobs, events, scheduler, asking, seal),
                new ControlModelService(models, blocking, new PredictRouter(system, servingDirectory, askTimeout)),
                new ControlDatasetService(system, datasets, blocking,
                        system.settings().config().getBytes("gantry.datasets.max-bytes")),
                new ControlAuthenticator(adminToken, directory, asking, Clock.systemUTC()),
                new ControlTokenService(directory, asking, Clock.systemUTC()),
                new ControlAuditService(new AuditTable(Tables.of(Adapter.toClassic(system))), blocking));
    }
}
