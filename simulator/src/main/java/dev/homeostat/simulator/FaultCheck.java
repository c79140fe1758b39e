package dev.homeostat.simulator;

import dev.homeostat.simulator.events.SimEvent;

/** Did a fault take effect? Snapshots its targets at injection; {@link #finish} judges at the end of the window (or of the run). */
sealed interface FaultCheck permits InjectionCheck, RolloutCheck {
    SimEvent.FaultEffect finish(long now, String fault);
}
