import type { Rng } from './prng';

/**
 * Plausible product-management prose for a made-up freight platform. Only
 * letters, digits, spaces, commas, dashes and full stops are produced, so
 * every string is a safe plain YAML scalar (no ": ", no " #", no leading
 * indicator character).
 */

const verbs = [
  'export',
  'import',
  'review',
  'approve',
  'schedule',
  'track',
  'filter',
  'compare',
  'share',
  'archive',
  'print',
  'search',
  'assign',
  'merge',
  'split',
  'cancel',
  'reorder',
  'reconcile',
  'download',
  'flag',
  'annotate',
  'preview',
  'subscribe to',
  'book',
  'reroute',
  'confirm',
  'audit',
  'tag',
  'forecast',
  'bundle',
];
const objects = [
  'shipment manifests',
  'delivery slots',
  'carrier invoices',
  'pallet labels',
  'customs declarations',
  'route plans',
  'proof of delivery photos',
  'warehouse picks',
  'driver shifts',
  'freight quotes',
  'temperature logs',
  'damage reports',
  'return requests',
  'dock appointments',
  'fuel surcharges',
  'load plans',
  'tracking events',
  'rate cards',
  'claims',
  'consignment notes',
  'pickup windows',
  'hazmat documents',
  'cross-dock transfers',
  'container bookings',
  'stock transfers',
  'billing disputes',
];
const qualifiers = [
  'in bulk',
  'from the mobile app',
  'without leaving the dashboard',
  'for a whole week at once',
  'by customer',
  'by depot',
  'with one click',
  'across all regions',
  'before the cut-off time',
  'while offline',
  'from an email link',
  'in the customer portal',
  'for partner carriers',
  'with an audit trail',
  'in under two seconds',
  'for the current shift',
  'by lane',
  'as a CSV file',
];
const benefits = [
  'planners spend less time on manual work',
  'customers know when their goods arrive',
  'finance closes the month two days earlier',
  'drivers lose no time at the depot',
  'disputes are resolved without phone calls',
  'we meet the service level agreement',
  'support tickets about missing data drop',
  'the warehouse can plan labour a day ahead',
  'we stop paying for empty kilometres',
  'auditors find every change they ask for',
  'new customers can onboard themselves',
  'late deliveries are caught before the customer notices',
];
const roles = [
  'dispatcher',
  'planner',
  'warehouse lead',
  'driver',
  'account manager',
  'finance clerk',
  'customer',
  'carrier partner',
  'customs broker',
  'support agent',
  'depot manager',
  'analyst',
];
const adjectives = [
  'faster',
  'simpler',
  'reliable',
  'transparent',
  'automatic',
  'self-service',
  'real-time',
  'predictable',
  'accurate',
  'traceable',
  'paperless',
  'consistent',
];
const nouns = [
  'dispatch',
  'billing',
  'tracking',
  'onboarding',
  'returns',
  'planning',
  'warehousing',
  'customs',
  'claims handling',
  'carrier management',
  'reporting',
  'pricing',
  'yard management',
  'fleet maintenance',
];
const firstNames = [
  'Ana',
  'Bilal',
  'Chen',
  'Dana',
  'Emeka',
  'Fatima',
  'Goran',
  'Hana',
  'Ivo',
  'Jonas',
  'Kemi',
  'Lena',
  'Mateo',
  'Nora',
  'Omar',
  'Priya',
];
const lastNames = [
  'Alvarez',
  'Berg',
  'Costa',
  'Dubois',
  'Eze',
  'Fischer',
  'Garcia',
  'Haddad',
  'Ito',
  'Jensen',
  'Kowalski',
  'Lopez',
  'Moreau',
  'Novak',
  'Okafor',
  'Patel',
];
const metrics = [
  'On-time delivery rate, %',
  'Invoices disputed per month',
  'Average dock wait, minutes',
  'Orders booked self-service, %',
  'Cost per delivered pallet, EUR',
  'Net promoter score',
];

function cap(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

export class Prose {
  constructor(private readonly rng: Rng) {}

  owner(): string {
    return `${this.rng.pick(firstNames)} ${this.rng.pick(lastNames)}`;
  }

  title(): string {
    const r = this.rng;
    switch (r.int(0, 3)) {
      case 0:
        return `${cap(r.pick(verbs))} ${r.pick(objects)} ${r.pick(qualifiers)}`;
      case 1:
        return `${cap(r.pick(adjectives))} ${r.pick(nouns)} for the ${r.pick(roles)}`;
      case 2:
        return `${cap(r.pick(objects))} ${r.pick(qualifiers)}`;
      default:
        return `${cap(r.pick(nouns))} ${r.pick(['overhaul', 'basics', 'at scale', 'for partners', 'self-service', 'insights'])}`;
    }
  }

  statement(role?: string): string {
    const r = this.rng;
    return `A ${role ?? r.pick(roles)} can ${r.pick(verbs)} ${r.pick(objects)} ${r.pick(qualifiers)}, so that ${r.pick(benefits)}.`;
  }

  sentence(): string {
    const r = this.rng;
    switch (r.int(0, 2)) {
      case 0:
        return `Today every ${r.pick(roles)} has to ${r.pick(verbs)} ${r.pick(objects)} by hand, which takes most of a morning.`;
      case 1:
        return `We want ${r.pick(nouns)} to become ${r.pick(adjectives)}, so that ${r.pick(benefits)}.`;
      default:
        return `Interviews with ${r.int(4, 19)} customers show that ${r.pick(objects)} are the main reason for delays.`;
    }
  }

  /** A paragraph of 2–4 sentences, as lines of at most ~90 characters. */
  paragraph(): string[] {
    const words = Array.from({ length: this.rng.int(2, 4) }, () => this.sentence())
      .join(' ')
      .split(' ');
    const lines: string[] = [];
    let cur = '';
    for (const w of words) {
      if (cur && cur.length + w.length + 1 > 88) {
        lines.push(cur);
        cur = w;
      } else cur = cur ? `${cur} ${w}` : w;
    }
    if (cur) lines.push(cur);
    return lines;
  }

  criterion(): string {
    const r = this.rng;
    return `${cap(r.pick(objects))} ${r.pick(['appear', 'are saved', 'are shown', 'update', 'are sent', 'stay visible'])} ${r.pick(qualifiers)} within ${r.int(2, 60)} seconds`;
  }

  given(): string {
    return `a ${this.rng.pick(roles)} with ${this.rng.int(2, 40)} open ${this.rng.pick(objects)}`;
  }
  when(): string {
    return `they ${this.rng.pick(verbs)} them ${this.rng.pick(qualifiers)}`;
  }
  then(): string {
    return `every ${this.rng.pick(objects).replace(/s$/, '')} is ${this.rng.pick(['updated', 'listed', 'confirmed', 'kept'])} and the change is logged`;
  }

  role(): string {
    return this.rng.pick(roles);
  }
  benefit(): string {
    return this.rng.pick(benefits);
  }
  want(): string {
    return `to ${this.rng.pick(verbs)} ${this.rng.pick(objects)} ${this.rng.pick(qualifiers)}`;
  }
  metric(): string {
    return this.rng.pick(metrics);
  }
  need(): string {
    return `${cap(this.rng.pick(verbs))} ${this.rng.pick(objects)} ${this.rng.pick(qualifiers)}`;
  }
}
