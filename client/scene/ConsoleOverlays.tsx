import { HeatmapLayer } from './HeatmapLayer';
import { PlacementPicker } from './PlacementPicker';
import { ViewCones } from './ViewCones';
import { WorkOrderPins } from './WorkOrderPins';

/** The console's own overlays inside the Canvas (alarm markers are on every screen, in SceneCanvas). */
export function ConsoleOverlays() {
  return (
    <>
      <HeatmapLayer />
      <ViewCones />
      <WorkOrderPins />
      <PlacementPicker />
    </>
  );
}
