/** The demo's NHS 111 call centres and the systems their call handlers depend on. */
export const DEMO_SITES = [
  { id: 'leeds', name: 'Leeds', region: 'North East and Yorkshire' },
  { id: 'manchester', name: 'Manchester', region: 'North West' },
  { id: 'newcastle', name: 'Newcastle', region: 'North East and Yorkshire' },
  { id: 'birmingham', name: 'Birmingham', region: 'Midlands' },
  { id: 'nottingham', name: 'Nottingham', region: 'Midlands' },
  { id: 'bristol', name: 'Bristol', region: 'South West' },
  { id: 'croydon', name: 'Croydon', region: 'London' },
  { id: 'stratford', name: 'Stratford', region: 'London' },
  { id: 'norwich', name: 'Norwich', region: 'East of England' },
  { id: 'brighton', name: 'Brighton', region: 'South East' },
] as const;

export const DEMO_SYSTEMS = [
  { id: 'cas', name: 'Adastra (clinical system)', kind: 'cas' },
  { id: 'gp-booking', name: 'GP appointment booking', kind: 'gp_booking' },
  { id: 'patient-record', name: 'Carenotes patient record', kind: 'patient_record' },
  { id: 'ambulance-cad', name: 'Ambulance CAD link', kind: 'ambulance_cad' },
  { id: 'telephony', name: 'Telephony (ACD)', kind: 'telephony' },
] as const;
