"""Preview, print and save the PDFs that app/reports produces."""
