/* Uploads from the app; downloads from anywhere. */
locals {
  origins = [for d in var.domains : "https://${d}" if d != ""]
  literal = "$${not_interpolated} and \"quoted\""
  policy  = <<-EOT
    {"note": "heredoc text is a string"}
  EOT
}

resource "aws_s3_bucket_cors_configuration" "this" {
  count  = var.enabled ? 1 : 0
  bucket = aws_s3_bucket.this[0].id // trailing comment

  dynamic "cors_rule" {
    for_each = toset(local.origins)
    content {
      allowed_methods = ["GET", "PUT"]
      allowed_origins = [cors_rule.value]
      max_age_seconds = 3000
    }
  }
}
