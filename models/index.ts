// The shared domain model: imported by client and server, depends on neither.
export * from './geo';
export * from './deviceTypes';
export * from './metrics';
export * from './compound';
export * from './reading';
export * from './alarm';
export * from './alarmState';
export * from './alarmMetrics';
export * from './workOrder';
export * from './energy';
export * from './replay';
export * from './kpi';
export * from './events';
export * from './validation';
export * from './rubric';
export * from './auth';
export * from './geojsonImport';
