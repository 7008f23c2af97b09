"""Run-time: launching the action server and Rasa, channels, and the web widget."""
