package org.gantry.scheduler.control.service;

import java.time.Duration;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.gantry.api.service.ClusterService;
import org.gantry.api.service.JobService;
import org.gantry.api.service.LogService;
import org.gantry.api.service.TenantService;
import org.gantry.api.service.TokenAuthenticator;
import org.gantry.scheduler.control.JobGateway;
import org.gantry.scheduler.control.SchedulerCommand;
import org.gantry.scheduler.control.SubmitGate;
import org.gantry.scheduler.control.projection.ProjectionProgress;
import org.gantry.scheduler.control.tenant.TenantCommand;

/** The service implementations the REST routes are built on, wired to one control plane. */
public record ControlServices(JobService jobs, TenantService tenants, ClusterService cluster, LogService logs,
                              TokenAuthenticator authenticator) {

    public static ControlServices create(ActorSystem<?> system, JobGateway entities,
                                         ActorRef<SchedulerCommand> scheduler, SubmitGate submitGate,
                                         ActorRef<TenantCommand> directory, ProjectionProgress jobTable,
                                         String readJournal, String adminToken, Duration askTimeout) {
        Asking asking = new Asking(system, askTimeout);
        JobEvents events = new JobEvents(system, readJournal);
        JobListing listing = new JobListing(jobTable,
                system.dispatchers().lookup(org.apache.pekko.actor.typed.DispatcherSelector.blocking()), askTimeout);
        ControlJobService jobs = new ControlJobService(entities, scheduler, submitGate, events, listing, asking);
        return new ControlServices(jobs, new ControlTenantService(directory, scheduler, asking),
                new ControlClusterService(scheduler, asking),
                new ControlLogService(system, jobs, events, scheduler, asking),
                new ControlAuthenticator(adminToken, directory, asking));
    }
}
