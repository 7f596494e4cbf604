"""fpdf2 documents (Propuesta de Convenio, liquidación, hoja de VIB, certificados)."""
