// What every map in the UI shares: the background (the region's tile server when configured,
// else the postcode centroids, so maps work without internet) and the practice status colours.
import L from "leaflet";
import { api } from "../api/client";

// A practice's status on every map and list.
export const STATUS_COLOURS: Record<string, string> = {
  active: "#2e7d32",
  temporary_takeover: "#ef6c00",
  closed: "#757575",
};

// The map's background: the region's tile server when configured, else the postcode centroids
// as grey dots (works without internet).
export async function addBackground(map: L.Map, tileUrl: string | null): Promise<void> {
  if (tileUrl) {
    L.tileLayer(tileUrl, { maxZoom: 18, attribution: "" }).addTo(map);
    return;
  }
  const postcodes = await api.get<{ items: { postcode: string; place: string; latitude: number; longitude: number }[] }>("/postcodes");
  for (const area of postcodes.items) {
    L.circleMarker([area.latitude, area.longitude], { radius: 3, color: "#b0bec5", weight: 1, fillOpacity: 0.4, interactive: false }).addTo(map);
  }
}


// A tooltip's content as text, never as HTML: Leaflet inserts a string as markup, and practice
// and receiver names are typed by users.
export function plainText(text: string): HTMLElement {
  const span = document.createElement("span");
  span.textContent = text;
  return span;
}
