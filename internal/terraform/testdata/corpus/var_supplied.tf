variable "cors_origins" {
  description = "Origins allowed to read the bucket"
  type        = list(string)
}

variable "app_domain" {
  type = string
}

resource "aws_s3_bucket_cors_configuration" "this" {
  bucket = aws_s3_bucket.this.id

  cors_rule {
    allowed_headers = ["*"]
    allowed_methods = ["GET", "HEAD"]
    allowed_origins = var.cors_origins
    max_age_seconds = 3000
  }

  cors_rule {
    allowed_methods = ["PUT"]
    allowed_origins = ["https://${var.app_domain}", "http://localhost:3000"]
    allowed_headers = ["*"]
  }
}
