"""The windows of one siniestro, as SiAPe opens them from the Administración grid: REMUNERACIONES,
CALCULAR, DERECHOHABIENTE, SIAPE, PAGO and the legajo. They share `comun.VentanaSiniestro`."""
