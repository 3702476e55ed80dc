"""The PySide6 front end, thin over console services; its packages mirror the domain's
capabilities (ui/calls shows console/calls), with core widgets below and the main window
(app) on top."""
