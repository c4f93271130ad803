# Production values
app_domain = "app.example.com/"
