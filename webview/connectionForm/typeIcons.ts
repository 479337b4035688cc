import type { ConnectionTypeId } from '../../src/protocol/connectionForm';

// One line drawing per type, in the theme's text colour (the tree shows the
// codicons of the same ideas: database, pulse, location, archive, cloud, key).
const DRAWINGS: Record<ConnectionTypeId, string[]> = {
  postgresql: ['M4 6c0-1.7 3.6-3 8-3s8 1.3 8 3-3.6 3-8 3-8-1.3-8-3z', 'M4 6v12c0 1.7 3.6 3 8 3s8-1.3 8-3V6', 'M4 12c0 1.7 3.6 3 8 3s8-1.3 8-3'],
  dhis2: ['M2 12h4l3-7 5 14 3-7h5'],
  iaso: ['M12 21s-7-6-7-11a7 7 0 0 1 14 0c0 5-7 11-7 11z', 'M12 7.5a2.5 2.5 0 1 1 0 5 2.5 2.5 0 0 1 0-5z'],
  s3: ['M4 6c0-1.4 3.6-2.5 8-2.5s8 1.1 8 2.5-3.6 2.5-8 2.5S4 7.4 4 6z', 'M4 6l1.8 13c.2 1.2 2.9 2 6.2 2s6-.8 6.2-2L20 6'],
  gcs: ['M7 19h10.5a4.5 4.5 0 0 0 .6-8.96A6.5 6.5 0 0 0 5.6 9.2 5 5 0 0 0 7 19z'],
  custom: ['M8 11a4.5 4.5 0 1 1 0 9 4.5 4.5 0 0 1 0-9z', 'M11.2 12.3 20 3.5', 'M16.5 7l3 3', 'M14 9.5l2.5 2.5'],
};

const SVG = 'http://www.w3.org/2000/svg';

/** The type's icon as inline SVG (no request, nothing for the CSP to allow); decorative: the type's name is beside it. */
export function typeIcon(type: ConnectionTypeId): SVGElement {
  const svg = document.createElementNS(SVG, 'svg');
  svg.setAttribute('viewBox', '0 0 24 24');
  svg.setAttribute('aria-hidden', 'true');
  svg.setAttribute('class', 'type-icon');
  for (const d of DRAWINGS[type]) {
    const path = document.createElementNS(SVG, 'path');
    path.setAttribute('d', d);
    svg.append(path);
  }
  return svg;
}
