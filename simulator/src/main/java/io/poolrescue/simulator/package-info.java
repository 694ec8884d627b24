/**
 * The simulated pool: {@link io.poolrescue.simulator.SimulatedPool} is the public face; everything
 * else is a package-private collaborator working on one {@code Site} under its lock.
 *
 * <ul>
 *   <li>State: {@code Site} (machines, pools, storage targets, timed events, journal),
 *       {@code Machine} (physical truth), {@code Domains} (what really runs where), {@code PoolState}
 *       (one master's database and liveness timers), {@code Db} / {@code Table} (the database).
 *   <li>Time: {@code Liveness} (heartbeats, GC, 600 s), {@code TimedEvent}s replayed by
 *       {@code Site.advance()} at each call, {@code HaMonitor} (fencing, restarts, election).
 *   <li>Calls: {@code HostOps}, {@code VmOps}, {@code StorageOps}, {@code PoolOps},
 *       {@code MasterTransition}, {@code DatabaseRestore} with {@code DumpWriter}/{@code DumpReader},
 *       {@code HostBackups}, {@code VmMetadata} with {@code Ustar}, {@code PoolJoin}; routed by
 *       {@code SimPoolClient} the way XapiClient routes over the wire.
 *   <li>Setup and faults: {@code Presets}, {@code SpecReader}, {@code SpecValidator},
 *       {@code SpecBuilder}, {@code Faults}, {@code Lifecycle} (hello, resync, master start).
 * </ul>
 */
package io.poolrescue.simulator;
